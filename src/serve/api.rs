//! The routes: the embedded page, the JSON API, and 404 for the rest.
//!
//! Each API answer is the JSON of the matching CLI command with `--json`
//! (built by the same functions of [`crate::render`]), and each refusal
//! the CLI's message: `{"error": MESSAGE}` with 400 for what the request
//! got wrong, 404 for an unknown article or path, 503 when the server is
//! at its bound of concurrent work.

use std::sync::Arc;

use axum::extract::{Path as UrlPath, RawQuery, State as Shared};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::params::{self, BadRequest};
use super::{assets, State};
use crate::filters::resolve_filters;
use crate::render;
use crate::search::{Query, SearchError};

/// Characters of an article id in a path (ids are short hashes or paths).
const MAX_ID_CHARS: usize = 500;

/// Why a request got no answer.
#[derive(Debug)]
pub enum ApiError {
    Bad(String),
    NotFound(String),
    Busy(usize),
    Internal(String),
}

impl From<BadRequest> for ApiError {
    fn from(e: BadRequest) -> ApiError {
        ApiError::Bad(e.0)
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            // The index failing is the server's fault, not the request's.
            SearchError::Index(_) => ApiError::Internal(e.to_string()),
            SearchError::Syntax(_) | SearchError::Filter(_) => ApiError::Bad(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            ApiError::Bad(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Busy(max) => (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("busy: {max} searches already running or waiting; try again shortly"),
            ),
            ApiError::Internal(m) => {
                eprintln!("fouille: {m}");
                (StatusCode::INTERNAL_SERVER_ERROR, m)
            }
        };
        let mut r = json(&serde_json::json!({ "error": msg }));
        *r.status_mut() = status;
        if status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}

/// A JSON body as the CLI prints it (compact, one object).
fn json(v: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(v) {
        Ok(body) => json_body(body),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// A response for JSON already written.
fn json_body(body: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// The server's routes over `state`.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/facets", get(facets))
        .route("/api/timeline", get(timeline))
        .route("/api/article/{id}", get(article))
        .route("/api/similar/{id}", get(similar))
        .fallback(get(asset_or_404))
        .layer(axum::middleware::map_response(secure))
        .with_state(state)
}

/// Headers on every response: the CSP, no MIME sniffing (a JSON body is
/// never taken for HTML), no referrer leaking a search to an outlet's
/// site when an original article's link is followed.
async fn secure(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(assets::CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

async fn asset_or_404(uri: Uri) -> Response {
    match assets::find(uri.path()) {
        Some(a) => assets::response(a),
        None => ApiError::NotFound(format!("no such page: {}", uri.path())).into_response(),
    }
}

/// Runs `work` on the blocking pool under a permit of the limiter, and
/// writes its answer as JSON there too: a search and the serialising of
/// its (sometimes large) facets are CPU work that must not hold up the
/// threads serving sockets.
async fn run<T, F>(state: Arc<State>, work: F) -> Result<Vec<u8>, ApiError>
where
    T: serde::Serialize,
    F: FnOnce(&State) -> Result<T, ApiError> + Send + 'static,
{
    let Some(permit) = state.limiter.try_enter() else {
        return Err(ApiError::Busy(state.limiter.max()));
    };
    let joined = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let answer = work(&state)?;
        serde_json::to_vec(&answer).map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await;
    joined.map_err(|e| ApiError::Internal(format!("a search failed: {e}")))?
}

/// The query of a request with its filters resolved against the index as
/// the CLI resolves them; the notes say which name was taken for a value
/// typed otherwise.
fn resolved(state: &State, mut q: Query) -> Result<(Query, Vec<String>), ApiError> {
    // Every error of resolution is about a value the request gave (an
    // unknown or ambiguous name), as for the CLI.
    let r = resolve_filters(&state.engine, &state.dir, &q.filters)
        .map_err(|e| ApiError::Bad(format!("{e:#}")))?;
    q.filters = r.filters;
    Ok((q, r.notes))
}

/// The answer of `fouille search --json`, and the notes of the names
/// taken for values typed otherwise (the CLI says them on stderr).
#[derive(serde::Serialize)]
struct WithNotes {
    #[serde(flatten)]
    results: crate::search::Results,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
    /// Why nothing matched and what would, as `--json` says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    why_nothing: Option<crate::suggest::NoHits>,
}

/// `/api/search`: `fouille search --json`, plus `notes` when a filter
/// value was taken as another name. `facets=N` keeps N names per kind.
async fn search(Shared(state): Shared<Arc<State>>, RawQuery(raw): RawQuery) -> Response {
    let answer = async {
        let pairs = params::pairs(raw.as_deref());
        let q = params::search_query(&pairs)?;
        run(state, move |s| {
            let (q, notes) = resolved(s, q)?;
            let results = s.engine.search(&q)?;
            let why_nothing = match results.total {
                0 => Some(s.engine.why_nothing(&q)?),
                _ => None,
            };
            Ok(WithNotes {
                results,
                notes,
                why_nothing,
            })
        })
        .await
    };
    match answer.await {
        Ok(body) => json_body(body),
        Err(e) => e.into_response(),
    }
}

/// `/api/facets`: `fouille facets --json` (`field=` one kind, `stories=1`
/// counting copies of a story once).
async fn facets(Shared(state): Shared<Arc<State>>, RawQuery(raw): RawQuery) -> Response {
    let answer = async {
        let pairs = params::pairs(raw.as_deref());
        let mut q = Query::new(params::text(&pairs)?);
        q.filters = params::filters(&pairs)?;
        q.limit = 1;
        let field = pairs
            .iter()
            .find(|(k, _)| k == "field")
            .map(|(_, v)| v.clone());
        let stories = params::flag(&pairs, "stories")?;
        run(state, move |s| {
            let (q, _) = resolved(s, q)?;
            let mut results = s.engine.search(&q)?;
            if stories {
                results.facets = s.engine.facets_by_story(&q)?;
            }
            Ok(render::facets_json(&results, field.as_deref()))
        })
        .await
    };
    match answer.await {
        Ok(body) => json_body(body),
        Err(e) => e.into_response(),
    }
}

/// `/api/timeline`: `fouille timeline --json` (`yearly=1` by year,
/// `stories=1` counting copies of a story once).
async fn timeline(Shared(state): Shared<Arc<State>>, RawQuery(raw): RawQuery) -> Response {
    let answer = async {
        let pairs = params::pairs(raw.as_deref());
        let mut q = Query::new(params::text(&pairs)?);
        q.filters = params::filters(&pairs)?;
        let yearly = pairs
            .iter()
            .any(|(k, v)| k == "yearly" && matches!(v.as_str(), "" | "1" | "true" | "yes"));
        let stories = params::flag(&pairs, "stories")?;
        run(state, move |s| {
            let (q, _) = resolved(s, q)?;
            let months = if stories {
                s.engine.timeline_by_story(&q)?
            } else {
                s.engine.timeline(&q)?
            };
            let buckets = render::timeline_buckets(&months, yearly);
            Ok(render::timeline_json(&q.text, yearly, &buckets))
        })
        .await
    };
    match answer.await {
        Ok(body) => json_body(body),
        Err(e) => e.into_response(),
    }
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::Bad(format!(
            "an article id has 1 to {MAX_ID_CHARS} characters"
        )));
    }
    Ok(())
}

/// `/api/article/ID`: `fouille show --json ID`.
async fn article(Shared(state): Shared<Arc<State>>, UrlPath(id): UrlPath<String>) -> Response {
    let answer = async {
        check_id(&id)?;
        run(state, move |s| match s.engine.get(&id)? {
            Some(a) => serde_json::to_value(&a).map_err(|e| ApiError::Internal(e.to_string())),
            None => Err(ApiError::NotFound(format!(
                "no article with id {id:?} in {}",
                s.dir.display()
            ))),
        })
        .await
    };
    match answer.await {
        Ok(body) => json_body(body),
        Err(e) => e.into_response(),
    }
}

/// `/api/similar/ID`: `fouille similar --json ID` (`limit=`, default 10).
async fn similar(
    Shared(state): Shared<Arc<State>>,
    UrlPath(id): UrlPath<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let answer = async {
        check_id(&id)?;
        let pairs = params::pairs(raw.as_deref());
        let limit = params::number(&pairs, "limit", 10, params::MAX_LIMIT)?;
        run(state, move |s| match s.engine.similar(&id, limit)? {
            Some(hits) => Ok(render::similar_json(&id, &hits)),
            None => Err(ApiError::NotFound(format!("no article has the id {id:?}"))),
        })
        .await
    };
    match answer.await {
        Ok(body) => json_body(body),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_their_status() {
        let status = |e: ApiError| e.into_response().status();
        assert_eq!(status(ApiError::Bad("x".into())), StatusCode::BAD_REQUEST);
        assert_eq!(
            status(ApiError::NotFound("x".into())),
            StatusCode::NOT_FOUND
        );
        assert_eq!(status(ApiError::Busy(1)), StatusCode::SERVICE_UNAVAILABLE);
        let syntax: ApiError = SearchError::Syntax("bad".into()).into();
        assert!(matches!(syntax, ApiError::Bad(m) if m == "invalid query: bad"));
    }

    /// Sends one GET on a new connection and returns the raw response.
    fn get(addr: std::net::SocketAddr, path: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn beyond_the_bound_on_work_a_search_gets_503_until_one_ends() {
        let tmp = tempfile::tempdir().unwrap();
        let archive = tmp.path().join("a");
        std::fs::create_dir(&archive).unwrap();
        std::fs::write(
            archive.join("x.txt"),
            "Retour à Palmyre\n\nLes archéologues sont revenus à Palmyre pour mesurer \
             les destructions du temple de Bel et de l'arc monumental.",
        )
        .unwrap();
        let dir = tmp.path().join("index");
        let bundled = || Ok(crate::entities::Gazetteer::bundled());
        crate::index::update(&dir, &[archive], &bundled, &Default::default()).unwrap();
        let state = Arc::new(State {
            engine: crate::search::Engine::open(&dir).unwrap(),
            dir,
            limiter: crate::serve::limit::Limiter::new(1),
        });
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let app = router(state.clone());
        runtime.spawn(async move { axum::serve(listener, app).await });

        // The only place is taken, as by a long search.
        let held = state.limiter.try_enter().unwrap();
        let busy = get(addr, "/api/search?q=Palmyre");
        assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
        assert!(busy.to_lowercase().contains("retry-after: 1"), "{busy}");
        assert!(busy.contains("busy: 1 searches already running"), "{busy}");
        drop(held);
        let answered = get(addr, "/api/search?q=Palmyre");
        assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
        assert!(answered.contains("\"total\":1"), "{answered}");
    }
}
