{
  optimizer: { lr: 0.001 },
}
