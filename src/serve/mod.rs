//! `fouille serve`: the index in a browser. One page (HTML, CSS and
//! JavaScript embedded in the binary, [`assets`]) over a JSON API
//! ([`api`]) that answers with the same library calls and the same JSON
//! as `fouille search --json` and its siblings.
//!
//! Safety by construction: the index is opened read-only
//! ([`crate::read_only`]); the page writes article text with
//! `textContent` only and the Content-Security-Policy forbids inline and
//! remote scripts, so markup in a scraped title cannot run; every other
//! path is a 404; query size, `limit` and concurrent work are bounded
//! ([`params`], [`limit`]).

pub mod api;
pub mod assets;
pub mod limit;
pub mod params;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::open::open_or_build_with;
use crate::read_only::FileAccess;
use crate::search::Engine;

/// The port when none is given.
pub const DEFAULT_PORT: u16 = 7878;

/// Searches running or waiting at once; beyond, a request gets 503 at
/// once rather than a growing queue (a browser retries, a script backs off).
pub const MAX_IN_FLIGHT: usize = 64;

/// How often the index folder is looked at for a new commit.
const WATCH_EVERY: Duration = Duration::from_millis(500);

/// `fouille serve` options.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on. The default is reachable from this machine
    /// only; another one makes the archive visible to the network.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Port to listen on (0: any free port, printed at start).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    pub port: u16,
}

/// What every request shares: the engine and the bound on work.
pub struct State {
    pub engine: Engine,
    /// The index folder (filter resolution reads the gazetteer beside it
    /// to suggest names).
    pub dir: PathBuf,
    pub limiter: limit::Limiter,
}

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` of the
/// vendored mimalloc 2 header; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes the allocator return freed pages to the system at once. By
/// default mimalloc keeps them for a while for reuse, which a command that
/// exits soon never notices; a server that answered one broad query would
/// keep that query's memory, on each thread that ran one (at 108k
/// documents: 100 MB of anonymous memory after the benchmark queries,
/// 45 MB with this).
fn purge_freed_memory_at_once() {
    // SAFETY: sets one integer option of the allocator; mimalloc reads
    // options atomically, so a change while other threads allocate is safe.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// Opens (or first builds) the index and serves it until Ctrl-C.
pub fn run(dir: &Path, args: ServeArgs) -> Result<()> {
    purge_freed_memory_at_once();
    // Read, not mapped: the pages a mapping touches stay in the server's
    // memory, which then grew with every new query (see `FileAccess`).
    let engine = open_or_build_with(dir, FileAccess::Read)?;
    let state = Arc::new(State {
        engine,
        dir: dir.to_path_buf(),
        limiter: limit::Limiter::new(MAX_IN_FLIGHT),
    });
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Searches (and the writing of their JSON) run on the blocking pool,
    // one thread per core: more would only share the same cores; the
    // limiter bounds the queue before it. (One socket thread instead of
    // one per core saved no memory and cost throughput.)
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(cores)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(serve(state, SocketAddr::new(args.bind, args.port)))
}

async fn serve(state: Arc<State>, addr: SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        eprintln!(
            "fouille: warning: listening on {local}: the archive is visible to the network, \
             to anyone who can reach this address"
        );
    }
    {
        // Printed once the socket is bound, so a script (or a test) that
        // reads this line can connect at once.
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "fouille: serving {} articles of {} at http://{local}/ (Ctrl-C stops)",
            state.engine.num_docs(),
            state.dir.display()
        )?;
        out.flush()?;
    }
    tokio::spawn(watch::reload_on_commit(state.clone(), WATCH_EVERY));
    axum::serve(listener, api::router(state))
        .with_graceful_shutdown(async {
            // No signal handler (an odd platform): serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .context("the server stopped")
}
