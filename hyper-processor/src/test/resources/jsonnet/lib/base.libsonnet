{
  // shared by every model of the project
  trainer: { num_epochs: 50, cuda_device: 0 },
  scaled(x, by):: x * by,
}
