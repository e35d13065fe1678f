local base = import 'lib/base.libsonnet';

function(lr=0.001, optimizer='adam')
  {
    // multiplies a number by a string: fails inside the library, at render time
    optimizer: { type: optimizer, lr: base.scaled(lr, optimizer) },
  }
