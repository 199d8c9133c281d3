// mimalloc instead of glibc's malloc: ingestion allocates and frees many
// small strings per article on several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    fouille::cli::main()
}
