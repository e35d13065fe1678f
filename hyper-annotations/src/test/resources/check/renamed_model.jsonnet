// test_model.jsonnet after an edit the jar was built with but the record never saw: 'note' became
// 'notes' (required), and 'mode' got a number default.
function(lr, notes, mode=1, epochs=2) {
  model: { lr: lr, notes: notes, mode: mode },
  trainer: { num_epochs: epochs },
}
