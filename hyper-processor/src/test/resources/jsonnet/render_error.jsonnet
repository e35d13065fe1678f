function(lr=0.001, hidden_dim=1500)
  assert hidden_dim >= 200 : 'hidden_dim must be at least 200, got ' + hidden_dim;
  {
    model: { hidden_dim: hidden_dim },
    optimizer: { lr: lr },
  }
