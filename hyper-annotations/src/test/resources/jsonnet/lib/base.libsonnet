{
  model: { type: 'toy' },
}
