// A tiny template: the record's components are its top-level arguments.
function(lr=0.001, hidden_dim=100, debug=false) {
  model: { hidden_dim: hidden_dim },
  trainer: { optimizer: { lr: lr }, debug: debug },
}
