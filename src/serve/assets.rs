//! The page: three files embedded in the binary at build time, so the
//! server needs nothing beside it and fetches nothing from outside.
//! `include_bytes!` is the whole mechanism; an embedding crate would add
//! only a directory walk for three fixed files.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One embedded file and its media type.
pub struct Asset {
    pub path: &'static str,
    pub mime: &'static str,
    pub body: &'static [u8],
}

/// Every file the server will ever send that is not an API answer.
pub const ASSETS: &[Asset] = &[
    Asset {
        path: "/",
        mime: "text/html; charset=utf-8",
        body: include_bytes!("../../assets/index.html"),
    },
    Asset {
        path: "/app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/app.js"),
    },
    Asset {
        path: "/app.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/app.css"),
    },
];

/// The asset at exactly `path`, if any: no prefix, no folder, so no
/// traversal can reach anything else.
pub fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// The response for an asset.
pub fn response(a: &Asset) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(a.mime)),
            // Embedded in this binary: a new binary is a new page, and the
            // page is small; revalidating keeps an upgrade visible at once.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        a.body,
    )
        .into_response()
}

/// The security policy of every response: scripts only from this server's
/// own files (no inline script, no handler attribute, no remote script),
/// styles likewise, data only from the API, no framing, no plugins.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_paths_are_assets() {
        assert!(find("/").is_some());
        assert!(find("/app.js").is_some());
        for p in [
            "/index.html",
            "/../Cargo.toml",
            "/app.js/",
            "//app.js",
            "/assets/app.js",
        ] {
            assert!(find(p).is_none(), "{p}");
        }
    }

    #[test]
    fn the_page_has_no_inline_script_or_handler_and_loads_nothing_remote() {
        let html = std::str::from_utf8(find("/").unwrap().body).unwrap();
        // The one script is the embedded file.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains(r#"<script src="/app.js" defer></script>"#));
        assert!(no_handlers(html));
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"));
        let js = std::str::from_utf8(find("/app.js").unwrap().body).unwrap();
        // Article text reaches the page as text only.
        assert!(!js.contains("innerHTML") && !js.contains("outerHTML"));
        assert!(!js.contains("insertAdjacentHTML") && !js.contains("document.write"));
        assert!(!js.contains("eval(") && !js.contains("new Function"));
    }

    /// No `onclick=`-like attribute in the markup.
    fn no_handlers(html: &str) -> bool {
        let lower = html.to_ascii_lowercase();
        !lower.split(|c: char| c.is_whitespace()).any(|w| {
            w.starts_with("on")
                && w.contains('=')
                && w[2..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        })
    }
}
