function(lr=0.001)
  {
    optimizer: { lr: lr, momentum: momentum },
  }
