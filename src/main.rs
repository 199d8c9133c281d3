// mimalloc instead of glibc's malloc: ingestion allocates and frees many
// small strings per article on several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_transparent_huge_pages();
    fouille::cli::main()
}

/// Turns transparent huge pages off for this process. mimalloc asks the
/// kernel for them on every arena it maps, and a 2 MiB page is charged
/// whole however little of it a thread uses: at 108k documents a
/// `fouille search` held 61 MB with them and 36 MB without, and `fouille
/// serve` after its load test 96 MB against 63 MB, with the same query
/// latency (`fouille bench`). Best effort: on a kernel without the
/// setting nothing changes.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes
    // a flag of this process (inherited by its children), nothing else.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
