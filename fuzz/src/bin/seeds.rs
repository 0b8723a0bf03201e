//! Writes the seed corpus (the lifecycles of `verity_fuzz::seeds`) to the folder named by the
//! first argument, one file per lifecycle.

fn main() -> std::io::Result<()> {
	let dir = std::env::args().nth(1).unwrap_or_else(|| "fuzz/corpus".into());
	std::fs::create_dir_all(&dir)?;
	for (name, ops) in verity_fuzz::seeds::all() {
		let path = std::path::Path::new(&dir).join(format!("seed-{name}"));
		std::fs::write(&path, verity_fuzz::encode_ops(&ops))?;
		println!("{}: {} ops", path.display(), ops.len());
	}
	Ok(())
}
