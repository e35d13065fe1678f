// The blog post's allennlp config for its RNN sweep, kept in shape (dataset_reader, model, iterator,
// trainer with callbacks and optimizer) and pointed at Hyper's example model: a multi-layer
// perceptron on the UCI handwritten digits, which ship inside the jar. Hyper fills the top-level
// arguments from RnnParams; `num_epochs` and `debug` keep their defaults (rnn-halving sets num_epochs).
function(lr=0.001, dropout=0.25, hidden_dim=1500, n_hidden_layers=1, num_epochs=20, debug=false) {
  dataset_reader: {
    data_path: 'digits.csv.gz',
    lazy: false,
    debug: debug,
    type: 'digits',
    validation_fraction: 0.2,
    split_seed: 1998,
    tokenizer: {
      type: 'pixels',
    },
    token_indexers: {
      pixels: {
        type: 'scale',
        max_value: 16,
      },
    },
  },
  train_data_path: 'train',
  validation_data_path: 'validation',
  model: {
    type: 'mlp_classifier',
    dropout: dropout,
    hidden_dim: hidden_dim,
    n_hidden_layers: n_hidden_layers,
  },
  iterator: {
    type: 'shuffled',
    batch_size: 64,
  },
  trainer: {
    type: 'callback',
    callbacks: [
      {
        type: 'checkpoint',
        checkpointer: { num_serialized_models_to_keep: 1 },
      },
      { type: 'track_metrics', patience: 3, validation_metric: '+accuracy' },
      'validate',
    ],
    optimizer: {
      type: 'adam',
      lr: lr,
    },
    num_epochs: num_epochs,
    cuda_device: -1,
  },
}
