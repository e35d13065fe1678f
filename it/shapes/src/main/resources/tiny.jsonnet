// The tiny sweep of the launch-shape check: the params pass through.
function(lr, width) {
  optimizer: { lr: lr },
  model: { width: width },
}
