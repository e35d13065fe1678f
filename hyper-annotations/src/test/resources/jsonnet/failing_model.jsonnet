function(lr, note, mode)
  {
    lr: if mode == 'SLOW' && lr < 0.001 then error 'too slow for ' + note else lr,
  }
