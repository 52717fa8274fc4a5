//! The `gongkai` command.

/// mimalloc: parsing thousands of small YAML files is allocation-heavy; it is markedly faster
/// than the system allocator here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gongkai::cli::main()
}
