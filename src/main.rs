fn main() -> std::process::ExitCode {
    fouille::cli::main()
}
