// A local prelude and an import before the top-level function.
local base = import 'lib/base.libsonnet';
local width(h) = base.scaled(h, 2);

function(lr=0.001, hidden_dim=1500, optimizer='adam')
  base {
    model: { hidden_dim: width(hidden_dim) },
    optimizer: { type: optimizer, lr: lr },
  }
