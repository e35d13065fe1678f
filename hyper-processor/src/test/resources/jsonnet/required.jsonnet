// run_name has no default: every sweep must supply it.
function(run_name, lr=0.001) {
  name: run_name,
  optimizer: { lr: lr },
}
