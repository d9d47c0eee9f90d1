//! EfficientNet-Lite0 against the reference forward pass staged with its weights
//! (`datasets/efficientnet-lite0/oracle.json`: a float32 numpy implementation of the same
//! network), and its error paths.

use cnn::{EfficientNetLite0, Error, cpu};
use ndarray::Array3;

fn oracle() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/efficientnet-lite0/oracle.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn floats(v: &serde_json::Value) -> Vec<f32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

fn top5(row: &[f32]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..row.len()).collect();
    idx.sort_by(|&a, &b| row[b].total_cmp(&row[a]));
    idx.truncate(5);
    idx
}

#[test]
fn reproduces_the_reference_logits_and_features() {
    let device = cpu();
    let net =
        EfficientNetLite0::load(datasets::bundled_efficientnet_lite0().unwrap(), &device).unwrap();
    let oracle = oracle();
    let png = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/efficientnet-lite0/oracle_chelsea_224.png");
    let rgb = datasets::read_rgb_u8(&png).unwrap();
    assert_eq!(rgb.dim(), (224, 224, 3));
    let image: Array3<f32> = rgb.mapv(|v| f32::from(v) / 255.0);

    // The cat through the public image path (224 x 224 already: no resampling).
    let logits = net.logits(&[image.view()], 8, &device).unwrap();
    let want = floats(&oracle["chelsea_logits"]);
    let got = logits.row(0).to_vec();
    let worst = got
        .iter()
        .zip(&want)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(worst < 1e-3, "largest logit difference {worst}");
    let want_top: Vec<usize> = oracle["chelsea_top5"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t[0].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(top5(&got), want_top);
    for t in oracle["chelsea_top5"].as_array().unwrap() {
        let (i, v) = (
            t[0].as_u64().unwrap() as usize,
            t[2].as_f64().unwrap() as f32,
        );
        assert!((got[i] - v).abs() < 1e-3, "class {i}: {} vs {v}", got[i]);
    }
    let names = datasets::imagenet_class_names().unwrap();
    assert_eq!(names.len(), 1000);
    assert_eq!(names[top5(&got)[0]], "Egyptian cat");

    let features = net.features(&[image.view()], 8, &device).unwrap();
    assert_eq!(features.dim(), (1, 1280));
    for (a, b) in features
        .row(0)
        .iter()
        .zip(floats(&oracle["chelsea_pooled_features_first16"]))
    {
        assert!((a - b).abs() < 1e-3, "{a} vs {b}");
    }

    // The all-zero normalised input.
    let zero = net
        .logits_normalized(&vec![0.0; 3 * 224 * 224], &device)
        .unwrap();
    for (a, b) in zero
        .row(0)
        .iter()
        .zip(floats(&oracle["zero_input_logits_first16"]))
    {
        assert!((a - b).abs() < 1e-3, "{a} vs {b}");
    }
    assert_eq!(
        top5(&zero.row(0).to_vec())[0] as u64,
        oracle["zero_input_argmax"].as_u64().unwrap()
    );
}

#[test]
fn batches_equal_single_images_and_grey_is_repeated() {
    let device = cpu();
    let net =
        EfficientNetLite0::load(datasets::bundled_efficientnet_lite0().unwrap(), &device).unwrap();
    // Three small images of different sizes; one grey.
    let a = Array3::from_shape_fn((40, 30, 3), |(y, x, c)| {
        ((y * 7 + x * 3 + c * 11) % 17) as f32 / 16.0
    });
    let b = Array3::from_shape_fn((25, 25, 1), |(y, x, _)| ((y * x) % 9) as f32 / 8.0);
    let b3 = Array3::from_shape_fn((25, 25, 3), |(y, x, _)| ((y * x) % 9) as f32 / 8.0);
    let together = net.features(&[a.view(), b.view()], 2, &device).unwrap();
    let one_by_one = net.features(&[a.view(), b.view()], 1, &device).unwrap();
    let grey_as_rgb = net.features(&[b3.view()], 1, &device).unwrap();
    for (x, y) in together.iter().zip(one_by_one.iter()) {
        assert!((x - y).abs() < 1e-4, "{x} vs {y}");
    }
    for (x, y) in together.row(1).iter().zip(grey_as_rgb.row(0)) {
        assert!((x - y).abs() < 1e-5);
    }
}

#[test]
fn bad_images_and_weight_files_are_typed_errors() {
    let device = cpu();
    let path = datasets::bundled_efficientnet_lite0().unwrap();
    let net = EfficientNetLite0::load(&path, &device).unwrap();
    let four = Array3::<f32>::zeros((224, 224, 4));
    assert!(matches!(
        net.features(&[four.view()], 1, &device),
        Err(Error::Shape { found, .. }) if found == vec![224, 224, 4]
    ));
    assert!(matches!(
        net.features(&[], 1, &device),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        net.logits_normalized(&[0.0; 10], &device),
        Err(Error::Shape { .. })
    ));

    // A weight file with one tensor missing and one of another shape, written from the real one.
    let st = cnn::safetensors::SafeTensors::open(&path).unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cnn-weights");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, drop: Option<&str>, reshape: Option<(&str, Vec<usize>)>| {
        let mut header = serde_json::Map::new();
        let mut data: Vec<u8> = Vec::new();
        for key in st.names() {
            if Some(key) == drop {
                continue;
            }
            let shape = st.shape(key).unwrap().to_vec();
            if key.ends_with("num_batches_tracked") {
                continue;
            }
            let mut values = st.f32(key, &shape).unwrap();
            let shape = match &reshape {
                Some((k, s)) if *k == key => s.clone(),
                _ => shape,
            };
            values.truncate(shape.iter().product());
            let begin = data.len();
            for v in &values {
                data.extend_from_slice(&v.to_le_bytes());
            }
            header.insert(
                key.to_string(),
                serde_json::json!({"dtype": "F32", "shape": shape, "data_offsets": [begin, data.len()]}),
            );
        }
        let h = serde_json::to_vec(&header).unwrap();
        let mut bytes = (h.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(&h);
        bytes.extend_from_slice(&data);
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let missing = write(
        "missing.safetensors",
        Some("_blocks.7._bn1.running_var"),
        None,
    );
    match EfficientNetLite0::load(&missing, &device) {
        Err(Error::MissingTensor { name, path }) => {
            assert_eq!(name, "_blocks.7._bn1.running_var");
            assert_eq!(path, missing);
        }
        other => panic!("{other:?}"),
    }
    let reshaped = write(
        "reshaped.safetensors",
        None,
        Some(("_blocks.3._depthwise_conv.weight", vec![144, 1, 3, 3])),
    );
    match EfficientNetLite0::load(&reshaped, &device) {
        Err(Error::TensorShape {
            name,
            expected,
            found,
            ..
        }) => {
            assert_eq!(name, "_blocks.3._depthwise_conv.weight");
            assert_eq!(expected, vec![144, 1, 5, 5]);
            assert_eq!(found, vec![144, 1, 3, 3]);
        }
        other => panic!("{other:?}"),
    }
    // Truncated: the real file cut short.
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.join("cut.safetensors");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        EfficientNetLite0::load(&cut, &device),
        Err(Error::Safetensors { path, .. }) if path == cut
    ));
    assert!(matches!(
        EfficientNetLite0::load(dir.join("absent.safetensors"), &device),
        Err(Error::Io { .. })
    ));
}
