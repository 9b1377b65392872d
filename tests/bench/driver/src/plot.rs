//! A log–log plot of generation time against the number of operations, as a PNG: points joined
//! by a line, a dashed line of slope 1 (linear growth) through the first point, labelled axes.

use anyhow::Result;
use font8x8::UnicodeFonts;
use std::path::Path;

const W: usize = 720;
const H: usize = 480;
const LEFT: usize = 90;
const RIGHT: usize = 30;
const TOP: usize = 50;
const BOTTOM: usize = 70;

struct Canvas {
    pixels: Vec<u8>,
}

impl Canvas {
    fn new() -> Self {
        Self {
            pixels: vec![255; W * H * 3],
        }
    }

    fn set(&mut self, x: i64, y: i64, rgb: [u8; 3]) {
        if (0..W as i64).contains(&x) && (0..H as i64).contains(&y) {
            let i = (y as usize * W + x as usize) * 3;
            self.pixels[i..i + 3].copy_from_slice(&rgb);
        }
    }

    fn line(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), rgb: [u8; 3], dashed: bool) {
        let steps = ((x1 - x0).abs().max((y1 - y0).abs()) as usize).max(1);
        for s in 0..=steps {
            if dashed && (s / 6) % 2 == 1 {
                continue;
            }
            let t = s as f64 / steps as f64;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            for (dx, dy) in [(0, 0), (1, 0), (0, 1)] {
                self.set(x as i64 + dx, y as i64 + dy, rgb);
            }
        }
    }

    fn dot(&mut self, (x, y): (f64, f64), rgb: [u8; 3]) {
        for dy in -4..=4_i64 {
            for dx in -4..=4_i64 {
                if dx * dx + dy * dy <= 16 {
                    self.set(x as i64 + dx, y as i64 + dy, rgb);
                }
            }
        }
    }

    /// Text in the 8x8 font, scaled by `scale`, its left edge at `x` and its top at `y`.
    fn text(&mut self, x: i64, y: i64, text: &str, scale: i64) {
        for (i, c) in text.chars().enumerate() {
            let Some(glyph) = font8x8::BASIC_FONTS.get(c) else {
                continue;
            };
            for (row, bits) in glyph.iter().enumerate() {
                for col in 0..8 {
                    if bits & (1 << col) != 0 {
                        for sy in 0..scale {
                            for sx in 0..scale {
                                let px = x + (i as i64 * 8 + col) * scale + sx;
                                self.set(px, y + row as i64 * scale + sy, [0, 0, 0]);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Draws `points` (operations, milliseconds) to `path`.
pub fn generation_time(points: &[(f64, f64)], title: &str, path: &Path) -> Result<()> {
    let mut c = Canvas::new();
    let (lx, ly): (Vec<f64>, Vec<f64>) = points.iter().map(|(x, y)| (x.log10(), y.log10())).unzip();
    let (x0, x1) = (
        lx.iter().cloned().fold(f64::MAX, f64::min).floor(),
        lx.iter().cloned().fold(f64::MIN, f64::max).ceil(),
    );
    let (y0, y1) = (
        ly.iter().cloned().fold(f64::MAX, f64::min).floor(),
        ly.iter().cloned().fold(f64::MIN, f64::max).ceil(),
    );
    let px = |x: f64| LEFT as f64 + (x - x0) / (x1 - x0).max(1.0) * (W - LEFT - RIGHT) as f64;
    let py = |y: f64| (H - BOTTOM) as f64 - (y - y0) / (y1 - y0).max(1.0) * (H - TOP - BOTTOM) as f64;
    let grey = [200, 200, 200];
    // Grid and tick labels at every power of ten.
    for d in x0 as i64..=x1 as i64 {
        let x = px(d as f64);
        c.line((x, TOP as f64), (x, (H - BOTTOM) as f64), grey, false);
        let label = format!("{}", 10f64.powi(d as i32));
        c.text(x as i64 - label.len() as i64 * 8, (H - BOTTOM + 8) as i64, &label, 2);
    }
    for d in y0 as i64..=y1 as i64 {
        let y = py(d as f64);
        c.line((LEFT as f64, y), ((W - RIGHT) as f64, y), grey, false);
        let value = 10f64.powi(d as i32);
        let label = if value < 1.0 {
            format!("{value}")
        } else {
            format!("{}", value as u64)
        };
        c.text(LEFT as i64 - 8 - label.len() as i64 * 16, y as i64 - 8, &label, 2);
    }
    let axis = [0, 0, 0];
    c.line(
        (LEFT as f64, TOP as f64),
        (LEFT as f64, (H - BOTTOM) as f64),
        axis,
        false,
    );
    c.line(
        (LEFT as f64, (H - BOTTOM) as f64),
        ((W - RIGHT) as f64, (H - BOTTOM) as f64),
        axis,
        false,
    );
    // Linear growth through the first point: slope 1 on log–log axes.
    if let (Some(&fx), Some(&fy)) = (lx.first(), ly.first()) {
        let end = x1;
        c.line((px(fx), py(fy)), (px(end), py(fy + end - fx)), [150, 150, 150], true);
    }
    let blue = [31, 90, 180];
    for w in lx.iter().zip(&ly).collect::<Vec<_>>().windows(2) {
        c.line((px(*w[0].0), py(*w[0].1)), (px(*w[1].0), py(*w[1].1)), blue, false);
    }
    for (x, y) in lx.iter().zip(&ly) {
        c.dot((px(*x), py(*y)), blue);
    }
    c.text(LEFT as i64, 14, title, 2);
    c.text(W as i64 / 2 - 160, (H - 30) as i64, "operations (log scale)", 2);
    c.text(8, TOP as i64 - 28, "ms", 2);
    c.text(W as i64 - 260, TOP as i64 + 8, "dashed: linear", 2);
    let file = std::fs::File::create(path)?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), W as u32, H as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&c.pixels)?;
    Ok(())
}
