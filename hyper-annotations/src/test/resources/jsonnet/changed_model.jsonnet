// The template of the test sweep: an import, a local and an assert before the function.
local base = import 'lib/base.libsonnet';
local twice(x) = 2 * x;
function(lr, note, mode, epochs=2)
  assert mode == 'FAST' || mode == 'SLOW' : 'bad mode ' + mode;
  base {
    optimizer: { lr: lr },
    note: note,
    mode: mode,
    trainer: { num_epochs: 12 * epochs },
  }
