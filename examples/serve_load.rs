//! A load generator for `fouille serve`, for scripts/serve-load.sh: N
//! clients, each on one keep-alive connection, send `GET /api/search?q=…`
//! for the queries of a file, in turn, for a given time; prints the
//! requests, errors, requests per second and latency percentiles.
//!
//! Bounded on purpose: loopback addresses only, at most 64 clients and
//! 300 seconds, so it cannot be pointed at someone else's server.
//!
//! `cargo run --release --example serve_load -- ADDR QUERIES CLIENTS SECONDS [EXTRA]`
//! (EXTRA: more query parameters, `limit=10&facets=12`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const MAX_CLIENTS: usize = 64;
const MAX_SECONDS: u64 = 300;

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One request on an open connection: the status, with the body read to
/// its end (Content-Length) so the connection can be used again.
fn request(conn: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    write!(
        conn.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<u64>().ok();
            }
        }
    }
    let n = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    std::io::copy(&mut conn.by_ref().take(n), &mut std::io::sink())?;
    Ok(status)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, queries, clients, seconds, rest @ ..] = args.as_slice() else {
        return Err("usage: serve_load ADDR QUERIES CLIENTS SECONDS [EXTRA]".into());
    };
    let addr: SocketAddr = addr.parse().map_err(|e| format!("{addr}: {e}"))?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr}: only a loopback address may be loaded"));
    }
    let clients: usize = clients.parse().map_err(|e| format!("clients: {e}"))?;
    let seconds: u64 = seconds.parse().map_err(|e| format!("seconds: {e}"))?;
    if clients == 0 || clients > MAX_CLIENTS || seconds == 0 || seconds > MAX_SECONDS {
        return Err(format!(
            "1 to {MAX_CLIENTS} clients, 1 to {MAX_SECONDS} seconds"
        ));
    }
    let extra = rest.first().map(|e| format!("&{e}")).unwrap_or_default();
    let text = std::fs::read_to_string(queries).map_err(|e| format!("{queries}: {e}"))?;
    let paths: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|q| format!("/api/search?q={}{extra}", enc(q)))
        .collect();
    if paths.is_empty() {
        return Err(format!("{queries}: no queries"));
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let paths = paths.clone();
            std::thread::spawn(move || {
                let (mut micros, mut errors, mut statuses) = (Vec::new(), 0u64, Vec::new());
                let mut conn = None;
                let mut i = c; // clients start at different queries
                while Instant::now() < deadline {
                    let path = &paths[i % paths.len()];
                    i += 1;
                    if conn.is_none() {
                        match TcpStream::connect(addr) {
                            Ok(s) => {
                                let _ = s.set_nodelay(true);
                                conn = Some(BufReader::new(s));
                            }
                            Err(_) => {
                                errors += 1;
                                std::thread::sleep(Duration::from_millis(10));
                                continue;
                            }
                        }
                    }
                    let t = Instant::now();
                    match request(conn.as_mut().expect("connected"), path) {
                        Ok(200) => micros.push(t.elapsed().as_secs_f64() * 1e6),
                        Ok(s) => {
                            errors += 1;
                            statuses.push(s);
                        }
                        Err(_) => {
                            errors += 1;
                            conn = None;
                        }
                    }
                }
                (micros, errors, statuses)
            })
        })
        .collect();
    let (mut all, mut errors, mut statuses) = (Vec::new(), 0, Vec::new());
    for w in workers {
        let (m, e, s) = w.join().map_err(|_| "a client panicked")?;
        all.extend(m);
        errors += e;
        statuses.extend(s);
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    statuses.sort_unstable();
    statuses.dedup();
    println!(
        "{{\"clients\": {clients}, \"seconds\": {wall:.1}, \"requests\": {}, \"errors\": {errors}, \
         \"error_statuses\": {statuses:?}, \"req_per_s\": {:.0}, \"p50_us\": {:.0}, \"p99_us\": {:.0}}}",
        all.len(),
        all.len() as f64 / wall,
        pct(&all, 0.5),
        pct(&all, 0.99)
    );
    if errors > 0 {
        return Err(format!("{errors} errors"));
    }
    Ok(())
}
