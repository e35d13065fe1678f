function(lr=0.001, debug=false, optimizer='adam', layers=[1, 2]) {
  lr: lr, debug: debug, optimizer: optimizer, layers: layers,
}
