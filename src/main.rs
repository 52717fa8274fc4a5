//! The `gongkai` command.

/// mimalloc: parsing thousands of small YAML files is allocation-heavy; it is markedly faster
/// than the system allocator here. Built without transparent huge pages (`no_thp`): on
/// Linux each first touch of a huge page zeroes 2 MB, a sixth of a rebuild's time, and the
/// partly used pages held a fifth more memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gongkai::cli::main()
}
