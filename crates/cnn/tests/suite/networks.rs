//! The MNIST CNN and the 1-D speech CNN: sizes, training that learns, repeatability, saving and
//! loading, and every bad input.

use cnn::{
    Augmentation, EarlyStopping, Error, MnistCnnConfig, Network, Samples, Speech1dConfig,
    TrainConfig, cpu, evaluate, load, predict, predict_proba, save, train,
};
use ndarray::{Array2, Array3};

/// Tiny two-class images: a bright bar in the top or bottom half, with pixel noise.
fn bars(n: usize, side: usize, seed: u64) -> Samples {
    let mut state = seed;
    let mut noise = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % 60) as u8
    };
    let images = Array3::from_shape_fn((n, side, side), |(i, y, _)| {
        let top = i % 2 == 0;
        let bar = if top { y < side / 2 } else { y >= side / 2 };
        if bar { 190 + noise() } else { noise() }
    });
    let labels = (0..n).map(|i| i % 2).collect();
    Samples::images_u8(images.view())
        .unwrap()
        .with_labels(labels)
        .unwrap()
}

fn small_config() -> MnistCnnConfig {
    MnistCnnConfig {
        height: 10,
        width: 10,
        filters: 4,
        hidden: 16,
        classes: 2,
        ..MnistCnnConfig::default()
    }
}

#[test]
fn the_tutorial_network_has_600810_parameters() {
    use burn::module::Module;
    let net = MnistCnnConfig::default().init(0, &cpu()).unwrap();
    assert_eq!(net.num_params(), 600_810);
    assert_eq!(net.input_shape(), vec![1, 28, 28]);
    assert_eq!(net.first_layer_filters().dim(), (32, 9));
    // Keras' Glorot limit for the first conv: sqrt(6 / (9 + 288)).
    let limit = (6.0f32 / 297.0).sqrt();
    assert!(net.first_layer_filters().iter().all(|v| v.abs() <= limit));
}

#[test]
fn training_learns_is_repeatable_and_survives_save_and_load() {
    let device = cpu().autodiff();
    let train_set = bars(96, 10, 1);
    let test_set = bars(40, 10, 2);
    let config = TrainConfig {
        epochs: 6,
        batch_size: 16,
        learning_rate: 5e-3,
        seed: 11,
        ..TrainConfig::default()
    };
    let run = || {
        let net = small_config().init(5, &device).unwrap();
        train(net, &train_set, Some(&test_set), &config, &device, &mut ()).unwrap()
    };
    let first = run();
    let second = run();
    assert_eq!(first.history.len(), 6);
    let last = first.history.last().unwrap();
    assert!(last.val_accuracy.unwrap() >= 0.95, "{:?}", first.history);
    assert!(last.loss < first.history[0].loss);
    // The same seeds give the same weights: identical logits.
    let a = cnn::logits(&first.network, &test_set, 7, &device).unwrap();
    let b = cnn::logits(&second.network, &test_set, 7, &device).unwrap();
    assert_eq!(a, b);
    // The batch size of prediction does not change the result beyond rounding.
    let c = cnn::logits(&first.network, &test_set, 40, &device).unwrap();
    assert!(a.iter().zip(&c).all(|(x, y)| (x - y).abs() < 1e-5));

    let eval = evaluate(&first.network, &test_set, 64, &device).unwrap();
    assert_eq!(eval.confusion.counts.sum(), 40);
    assert_eq!(eval.accuracy, last.val_accuracy.unwrap());
    assert!((eval.loss - last.val_loss.unwrap()).abs() < 1e-9);
    let proba = predict_proba(&first.network, &test_set, 64, &device).unwrap();
    assert!(
        proba
            .rows()
            .into_iter()
            .all(|r| (r.sum() - 1.0).abs() < 1e-5)
    );

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cnn-save");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bars.bpk");
    save(&first.network, &path).unwrap();
    let fresh = small_config().init(999, &device).unwrap();
    let loaded = load(fresh, &path).unwrap();
    assert_eq!(cnn::logits(&loaded, &test_set, 7, &device).unwrap(), a);
    assert_eq!(
        predict(&loaded, &test_set, 7, &device).unwrap(),
        eval.predictions
    );
    // Another architecture does not load the file.
    let wider = MnistCnnConfig {
        filters: 6,
        ..small_config()
    }
    .init(0, &device)
    .unwrap();
    assert!(matches!(load(wider, &path), Err(Error::Record { .. })));
    assert!(matches!(
        load(
            small_config().init(0, &device).unwrap(),
            dir.join("absent.bpk")
        ),
        Err(Error::Record { .. })
    ));
}

#[test]
fn early_stopping_and_augmentation() {
    let device = cpu().autodiff();
    let train_set = bars(64, 10, 3);
    let val = bars(32, 10, 4);
    // A learning rate of zero never improves the validation loss after the first epoch.
    let config = TrainConfig {
        epochs: 10,
        batch_size: 32,
        learning_rate: 1e-12,
        early_stopping: Some(EarlyStopping {
            patience: 2,
            min_delta: 1e-3,
            restore_best: true,
        }),
        augmentation: Some(Augmentation { max_shift: 1 }),
        ..TrainConfig::default()
    };
    let net = small_config().init(1, &device).unwrap();
    let trained = train(net, &train_set, Some(&val), &config, &device, &mut ()).unwrap();
    assert!(trained.stopped_early);
    assert_eq!(trained.history.len(), 3);
    assert_eq!(trained.best_epoch, 1);
}

#[test]
fn progress_reaches_the_observer() {
    struct Count(usize, usize);
    impl cnn::Observer for Count {
        fn batch(&mut self, p: &cnn::BatchProgress) {
            assert!(p.batch <= p.batches && p.accuracy <= 1.0 && p.samples_per_second > 0.0);
            self.0 += 1;
        }
        fn epoch(&mut self, _: &cnn::EpochRecord) {
            self.1 += 1;
        }
    }
    let device = cpu().autodiff();
    let set = bars(40, 10, 5);
    let mut count = Count(0, 0);
    let config = TrainConfig {
        epochs: 2,
        batch_size: 16,
        ..TrainConfig::default()
    };
    train(
        small_config().init(0, &device).unwrap(),
        &set,
        None,
        &config,
        &device,
        &mut count,
    )
    .unwrap();
    assert_eq!((count.0, count.1), (6, 2));
}

#[test]
fn the_speech_cnn_learns_two_tones_and_exposes_its_filters() {
    let device = cpu().autodiff();
    // Two classes of noisy sines at 300 Hz and 1200 Hz, 8 kHz, 800 samples, random phase.
    let n = 48;
    let mut state = 7u64;
    let mut uniform = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut signals = Array2::<f32>::zeros((n, 800));
    for i in 0..n {
        let f = if i % 2 == 0 { 300.0 } else { 1200.0 };
        let phase = uniform() * std::f64::consts::TAU;
        for t in 0..800 {
            let v = (std::f64::consts::TAU * f * t as f64 / 8000.0 + phase).sin()
                + 0.2 * (uniform() - 0.5);
            signals[[i, t]] = v as f32;
        }
    }
    let labels = (0..n).map(|i| i % 2).collect();
    let set = Samples::signals(signals.view())
        .unwrap()
        .with_labels(labels)
        .unwrap();
    let config = Speech1dConfig {
        length: 800,
        filters: 2,
        kernel: 40,
        pool: 40,
        classes: 2,
    };
    let net = config.init(3, &device).unwrap();
    assert_eq!(net.filters().dim(), (2, 40));
    let fit = TrainConfig {
        epochs: 30,
        batch_size: 16,
        learning_rate: 1e-2,
        ..TrainConfig::default()
    };
    let trained = train(net, &set, None, &fit, &device, &mut ()).unwrap();
    let eval = evaluate(&trained.network, &set, 64, &device).unwrap();
    assert!(eval.accuracy >= 0.95, "{:?}", trained.history);
    assert_eq!(trained.network.filters().dim(), (2, 40));
    assert!(Speech1dConfig::new(150).init(0, &device).is_err());
    assert!(Speech1dConfig::new(199).init(0, &device).is_ok());
}

#[test]
fn bad_inputs_are_typed_errors() {
    let device = cpu().autodiff();
    let set = bars(8, 10, 1);
    let net = || small_config().init(0, &device).unwrap();
    let fit = TrainConfig::default();

    // Wrong sample shape for the network.
    let other = bars(8, 12, 1);
    assert!(matches!(
        train(net(), &other, None, &fit, &device, &mut ()),
        Err(Error::Shape { .. })
    ));
    assert!(matches!(
        cnn::logits(&net(), &other, 4, &device),
        Err(Error::Shape { .. })
    ));
    // Labels out of range, missing labels, mismatched counts.
    let bad = Samples::images_u8(Array3::<u8>::zeros((3, 10, 10)).view())
        .unwrap()
        .with_labels(vec![0, 1, 2])
        .unwrap();
    assert!(matches!(
        train(net(), &bad, None, &fit, &device, &mut ()),
        Err(Error::LabelOutOfRange {
            index: 2,
            label: 2,
            classes: 2
        })
    ));
    let unlabelled = Samples::images_u8(Array3::<u8>::zeros((3, 10, 10)).view()).unwrap();
    assert!(matches!(
        train(net(), &unlabelled, None, &fit, &device, &mut ()),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Samples::images_u8(Array3::<u8>::zeros((3, 10, 10)).view())
            .unwrap()
            .with_labels(vec![0, 1]),
        Err(Error::LengthMismatch {
            left: 3,
            right: 2,
            ..
        })
    ));
    // Empty and non-finite inputs.
    assert!(matches!(
        Samples::images_u8(Array3::<u8>::zeros((0, 10, 10)).view()),
        Err(Error::Empty { .. })
    ));
    let mut nan = Array3::<f32>::zeros((2, 4, 4));
    nan[[1, 2, 3]] = f32::INFINITY;
    assert!(matches!(
        Samples::images(nan.view()),
        Err(Error::NonFinite { index: 27, .. })
    ));
    assert!(matches!(
        Samples::from_flat(vec![0.0; 7], &[2, 2]),
        Err(Error::Shape { .. })
    ));
    // Bad configurations.
    for bad in [
        TrainConfig {
            epochs: 0,
            ..TrainConfig::default()
        },
        TrainConfig {
            batch_size: 0,
            ..TrainConfig::default()
        },
        TrainConfig {
            learning_rate: f64::NAN,
            ..TrainConfig::default()
        },
        TrainConfig {
            beta_2: 1.0,
            ..TrainConfig::default()
        },
        TrainConfig {
            learning_rate_decay: 0.0,
            ..TrainConfig::default()
        },
    ] {
        assert!(matches!(
            train(net(), &set, None, &bad, &device, &mut ()),
            Err(Error::Config(_))
        ));
    }
    let stopping = TrainConfig {
        early_stopping: Some(EarlyStopping {
            patience: 1,
            min_delta: 0.0,
            restore_best: true,
        }),
        ..TrainConfig::default()
    };
    assert!(matches!(
        train(net(), &set, None, &stopping, &device, &mut ()),
        Err(Error::Config(_))
    ));
    // Training on a device without autodiff.
    assert!(matches!(
        train(
            small_config().init(0, &cpu()).unwrap(),
            &set,
            None,
            &fit,
            &cpu(),
            &mut ()
        ),
        Err(Error::Config(_))
    ));
    // Networks too small for their input, or with one class.
    assert!(
        MnistCnnConfig {
            height: 4,
            ..small_config()
        }
        .init(0, &device)
        .is_err()
    );
    assert!(
        MnistCnnConfig {
            classes: 1,
            ..small_config()
        }
        .init(0, &device)
        .is_err()
    );
    // An absurd kernel is refused, not an arithmetic overflow.
    assert!(
        MnistCnnConfig {
            kernel: usize::MAX,
            ..small_config()
        }
        .init(0, &device)
        .is_err()
    );
    // Augmentation of signals is refused.
    let sig = Samples::signals(Array2::<f32>::zeros((4, 300)).view())
        .unwrap()
        .with_labels(vec![0, 1, 0, 1])
        .unwrap();
    let aug = TrainConfig {
        augmentation: Some(Augmentation { max_shift: 2 }),
        ..TrainConfig::default()
    };
    assert!(matches!(
        train(
            Speech1dConfig::new(300).init(0, &device).unwrap(),
            &sig,
            None,
            &aug,
            &device,
            &mut ()
        ),
        Err(Error::Config(_))
    ));
}
