//! The page in a real browser: headless Chromium driven through
//! chromedriver (Debian's `chromium` and `chromium-driver`, which `.ci/run`
//! installs). A person's path through it (search, facet, dates, article,
//! back), a screenshot of the results under target/screenshots/ on every
//! run, and an article full of markup that must show as text and never run.
//!
//! Without chromedriver the tests say so and pass, except under CI
//! (`CI` set), where its absence is a failure.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::server::Server;
use common::Workspace;
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// One browser at a time: two Chromiums on a 2-core machine only slow
/// each other into timeouts.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The WebDriver key for Enter.
const ENTER: &str = "\u{E007}";

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// A running chromedriver, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver on a free loopback port, or says why not.
fn chromedriver() -> Option<Driver> {
    let Some(bin) = on_path("chromedriver") else {
        let why = "chromedriver is not installed (apt-get install chromium chromium-driver)";
        if std::env::var_os("CI").is_some() {
            panic!("{why}: .ci/run should have installed it");
        }
        eprintln!("skipped: {why}");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver { child, port };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(driver)
}

/// A headless Chromium session.
async fn browser(driver: &Driver) -> Client {
    let mut args = vec![
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=en",
    ];
    // Root (CI, containers) cannot use Chromium's sandbox.
    if Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
    {
        args.push("--no-sandbox");
    }
    let mut options = json!({ "args": args });
    if let Some(bin) = on_path("chromium") {
        options["binary"] = json!(bin);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

async fn js(c: &Client, body: &str) -> Value {
    c.execute(body, vec![]).await.expect("run a script")
}

/// The page's render counter (set when a render has finished).
async fn ready(c: &Client) -> String {
    js(c, "return document.body.dataset.ready || ''")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Waits until `cond` (a JS expression) is true.
async fn wait_until(c: &Client, cond: &str, what: &str) {
    let start = Instant::now();
    loop {
        if js(c, &format!("return !!({cond})")).await == json!(true) {
            return;
        }
        if start.elapsed() > Duration::from_secs(15) {
            let page = js(c, "return document.getElementById('status').textContent + ' | ' + document.getElementById('error').textContent + ' | ' + location.href").await;
            panic!("timed out waiting for {what}; page: {page}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Indexes `archive` in the workspace, serves it, and opens a browser.
async fn served(ws: &Workspace, archive: &std::path::Path, driver: &Driver) -> (Server, Client) {
    ws.run(&["index", archive.to_str().unwrap()]).expect(0);
    let srv = Server::start(ws.path(), &ws.index());
    (srv, browser(driver).await)
}

/// Waits for the render after `before` (the counter before an action).
async fn rendered_after(c: &Client, before: &str) {
    let cond = format!("document.body.dataset.ready && document.body.dataset.ready !== {before:?}");
    wait_until(c, &cond, "the page to render").await;
}

async fn hit_metas(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('#hits .hit .meta')].map(e => e.textContent)",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

async fn url(c: &Client) -> String {
    c.current_url().await.unwrap().to_string()
}

/// Where screenshots go: target/screenshots/ (beside the build's tmp dir).
fn screenshot_path(name: &str) -> PathBuf {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = target.parent().unwrap_or(&target).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let path = screenshot_path(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_facet_dates_article_and_back() {
    let _one = ONE_BROWSER.lock().await;
    let Some(driver) = chromedriver() else { return };
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    let (srv, c) = served(&ws, &seeds, &driver).await;

    c.goto(&srv.url("/")).await.unwrap();
    wait_until(&c, "document.body.dataset.ready", "the first render").await;

    // `/` focuses the search box.
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    assert_eq!(js(&c, "return document.activeElement.id").await, json!("q"));

    // Type the query, press Enter, see highlighted hits.
    let before = ready(&c).await;
    let q = c.find(Locator::Id("q")).await.unwrap();
    q.send_keys(&format!("Qaryatayn chrétiens{ENTER}"))
        .await
        .unwrap();
    rendered_after(&c, &before).await;
    let metas = hit_metas(&c).await;
    assert!(!metas.is_empty(), "no hits");
    assert!(
        url(&c).await.contains("q=Qaryatayn"),
        "the query is not in the URL"
    );
    let marks = js(&c, "return document.querySelectorAll('#hits mark').length").await;
    assert!(marks.as_u64().unwrap() > 0, "no highlighted word");
    let status = js(&c, "return document.getElementById('status').textContent").await;
    assert!(status.as_str().unwrap().contains("article"), "{status}");
    screenshot(&c, "serve-results.png").await;

    // Click an outlet facet: the list narrows to that outlet.
    let all = js(&c, "return document.querySelectorAll('#hits .hit').length + '|' + document.getElementById('status').textContent").await;
    let outlet = c
        .find(Locator::Css("#facets button[data-kind='source']"))
        .await
        .expect("an outlet facet");
    let name = outlet.attr("data-name").await.unwrap().unwrap();
    let before = ready(&c).await;
    outlet.click().await.unwrap();
    rendered_after(&c, &before).await;
    let metas = hit_metas(&c).await;
    assert!(!metas.is_empty());
    assert!(
        metas.iter().all(|m| m.starts_with(&name)),
        "{name}: {metas:?}"
    );
    let narrowed = js(&c, "return document.querySelectorAll('#hits .hit').length + '|' + document.getElementById('status').textContent").await;
    assert_ne!(narrowed, all, "the list did not narrow");
    assert!(url(&c).await.contains("source="));
    let pressed = "#facets button[data-kind='source'][aria-pressed='true']";
    assert!(
        c.find(Locator::Css(pressed)).await.is_ok(),
        "the facet is not shown as active"
    );
    let chips = js(
        &c,
        "return document.querySelectorAll('#filters .chip').length",
    )
    .await;
    assert!(chips.as_u64().unwrap() >= 1, "no active-filter chip");

    // A second click unfilters.
    let before = ready(&c).await;
    c.find(Locator::Css(pressed))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    rendered_after(&c, &before).await;
    let again = js(&c, "return document.querySelectorAll('#hits .hit').length + '|' + document.getElementById('status').textContent").await;
    assert_eq!(again, all, "the second click did not unfilter");

    // Drag over the timeline's first months: a date range is set.
    let chart = c
        .find(Locator::Css("#chart svg"))
        .await
        .expect("a timeline");
    let width = js(
        &c,
        "return document.querySelector('#chart svg').getBoundingClientRect().width",
    )
    .await
    .as_f64()
    .unwrap();
    let before = ready(&c).await;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: chart,
            duration: None,
            x: -width / 2.0 + 2.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(200)),
            x: width / 3.0,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(drag).await.unwrap();
    rendered_after(&c, &before).await;
    let here = url(&c).await;
    assert!(here.contains("from=") && here.contains("to="), "{here}");
    let (from, to) = (
        js(
            &c,
            "return new URLSearchParams(location.search).get('from')",
        )
        .await,
        js(&c, "return new URLSearchParams(location.search).get('to')").await,
    );
    let (from, to) = (
        from.as_str().unwrap().to_string(),
        to.as_str().unwrap().to_string(),
    );
    for m in hit_metas(&c).await {
        let date = m.rsplit(" · ").next().unwrap();
        assert!(
            date[..7] >= from[..] && date[..7] <= to[..],
            "{date} outside {from}..{to}"
        );
    }

    // Or type the dates: only 2017 is left.
    let before = ready(&c).await;
    js(&c, "document.getElementById('from').value = '2017'; document.getElementById('to').value = '2017-12'; return 0").await;
    c.find(Locator::Css("#dates button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    rendered_after(&c, &before).await;
    let metas = hit_metas(&c).await;
    assert!(!metas.is_empty());
    assert!(
        metas
            .iter()
            .all(|m| m.ends_with(&m[m.len() - 10..]) && m.contains(" · 2017-")),
        "{metas:?}"
    );
    let results_url = url(&c).await;
    let results_hits = hit_metas(&c).await;

    // Open the first article: its title, entities linked to their facet.
    let link = c.find(Locator::Css("#hits .hit h2 a")).await.unwrap();
    let title = link.text().await.unwrap();
    let before = ready(&c).await;
    link.click().await.unwrap();
    rendered_after(&c, &before).await;
    assert!(url(&c).await.contains("article="));
    let h1 = c
        .find(Locator::Css("#article h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(h1, title);
    assert_eq!(
        js(&c, "return document.getElementById('results').hidden").await,
        json!(true)
    );
    let ents = js(&c, "return [...document.querySelectorAll('#article .body a.ent')].map(a => a.getAttribute('href'))").await;
    let ents: Vec<String> = serde_json::from_value(ents).unwrap();
    assert!(!ents.is_empty(), "no entity marked in the article");
    assert!(
        ents.iter().all(|h| h.starts_with("?place=")
            || h.starts_with("?org=")
            || h.starts_with("?person=")),
        "{ents:?}"
    );
    screenshot(&c, "serve-article.png").await;

    // Back: the same results, filters kept.
    let before = ready(&c).await;
    c.back().await.unwrap();
    rendered_after(&c, &before).await;
    assert_eq!(url(&c).await, results_url);
    assert_eq!(
        js(&c, "return document.getElementById('article').hidden").await,
        json!(true)
    );
    assert_eq!(hit_metas(&c).await, results_hits);

    // A link to this state opens it as it was (a search sent to a colleague).
    let before = ready(&c).await;
    c.goto(&results_url).await.unwrap();
    wait_until(&c, &format!("document.body.dataset.ready && document.body.dataset.ready !== {before:?} || document.body.dataset.ready === '1'"), "the linked page").await;
    assert_eq!(hit_metas(&c).await, results_hits);

    // Phone width: one column, nothing wider than the window.
    c.set_window_size(390, 844).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let overflow = js(
        &c,
        "return document.documentElement.scrollWidth - window.innerWidth",
    )
    .await;
    assert!(
        overflow.as_f64().unwrap() <= 1.0,
        "wider than a phone by {overflow}px"
    );
    screenshot(&c, "serve-phone.png").await;

    c.close().await.unwrap();
    drop(srv);
}

/// A scraped article whose title, outlet, body and address are markup and
/// script: the page shows them as characters and none of it runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_article_shows_as_text_and_nothing_of_it_runs() {
    let _one = ONE_BROWSER.lock().await;
    let Some(driver) = chromedriver() else { return };
    let ws = Workspace::new();
    let record = json!({
        "id": "hostile",
        "title": "Piège <script>window.__pwned='title'</script> <img src=x onerror=\"window.__pwned='img'\"> à Palmyre",
        "text": "Un article piégé sur Palmyre. <img src=x onerror=\"window.__pwned='body'\"> Le texte <script>window.__pwned='body-script'</script> parle de l'armée syrienne à Palmyre et à Homs.\n\nSecond paragraphe <svg onload=\"window.__pwned='svg'\"></svg> <a href=\"javascript:window.__pwned='a'\">lien</a> sur Palmyre.",
        "source": "<b onmouseover=\"window.__pwned='source'\">Le Piège</b>",
        "published": "2017-05-02",
        "url": "javascript:window.__pwned='url'"
    });
    let file = ws.write("hostile.jsonl", format!("{record}\n"));
    let (srv, c) = served(&ws, &file, &driver).await;
    let injected = "return document.querySelectorAll('img, iframe, object, embed, b, [onerror], [onload], [onmouseover], a[href^=\"javascript:\"]').length";

    c.goto(&srv.url("/?q=Palmyre")).await.unwrap();
    wait_until(
        &c,
        "document.querySelectorAll('#hits .hit').length > 0",
        "the hostile hit",
    )
    .await;
    let title = c
        .find(Locator::Css("#hits .hit h2 a"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        title.contains("<script>window.__pwned='title'</script>"),
        "{title}"
    );
    let meta = hit_metas(&c).await.join(" ");
    assert!(meta.contains("<b onmouseover="), "{meta}");
    assert_eq!(
        js(&c, "return document.querySelectorAll('script').length").await,
        json!(1)
    );
    assert_eq!(js(&c, injected).await, json!(0));
    // Hovering the outlet would run an onmouseover attribute if there were one.
    let facet = c
        .find(Locator::Css("#facets button[data-kind='source']"))
        .await
        .unwrap();
    c.perform_actions(
        MouseActions::new("m".into()).then(PointerAction::MoveToElement {
            element: facet,
            duration: None,
            x: 0.0,
            y: 0.0,
        }),
    )
    .await
    .unwrap();

    // The article view: body text as text, no link to a javascript: address.
    let before = ready(&c).await;
    c.find(Locator::Css("#hits .hit h2 a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    rendered_after(&c, &before).await;
    let body = c
        .find(Locator::Css("#article .body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<img src=x onerror="), "{body}");
    assert!(body.contains("<svg onload="), "{body}");
    assert_eq!(js(&c, injected).await, json!(0));
    let original = js(&c, "return [...document.querySelectorAll('#article dt')].some(d => d.textContent === 'Original')").await;
    assert_eq!(
        original,
        json!(false),
        "a javascript: address was offered as a link"
    );

    // A query holding markup is shown back as text too (status, error, title).
    c.goto(&srv.url("/?q=%22%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E"))
        .await
        .unwrap();
    wait_until(&c, "document.body.dataset.ready", "the page").await;
    assert_eq!(js(&c, injected).await, json!(0));

    assert_eq!(
        js(&c, "return typeof window.__pwned").await,
        json!("undefined")
    );
    // And should some markup ever get in, the CSP stops inline script.
    let csp = js(&c, "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); return typeof window.__inline").await;
    assert_eq!(csp, json!("undefined"), "the CSP let an inline script run");

    c.close().await.unwrap();
    drop(srv);
}

/// Twenty-three articles that share one word and little else: distinct
/// stories (no two are copies), more than two pages of results.
fn many_distinct_articles() -> String {
    const WORDS: &[&str] = &[
        "récolte",
        "vigne",
        "tempête",
        "marché",
        "pêcheurs",
        "école",
        "musée",
        "pont",
        "incendie",
        "forêt",
        "rivière",
        "usine",
        "grève",
        "théâtre",
        "hôpital",
        "vélo",
        "élection",
        "maire",
        "port",
        "tramway",
        "bibliothèque",
        "festival",
        "ferme",
        "neige",
        "chantier",
        "gare",
        "orchestre",
        "lycée",
        "montagne",
        "fromage",
        "brigade",
        "cathédrale",
        "fouilles",
        "moulin",
        "verger",
        "marée",
        "tunnel",
        "abeilles",
        "carnaval",
        "canal",
        "phare",
        "vendanges",
        "sentier",
        "écluse",
    ];
    // A small linear congruential generator: the same archive on every run.
    let mut seed: u64 = 7;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut out = String::new();
    for i in 0..23 {
        let words: Vec<&str> = (0..60).map(|_| WORDS[next(WORDS.len())]).collect();
        let record = json!({
            "id": format!("budget-{i:02}"),
            "title": format!("Le budget, épisode {i}: {}", words[..3].join(" ")),
            "text": format!("Le budget de la commune. {}.", words.join(" ")),
            "source": "La Gazette",
            "published": format!("2019-{:02}-{:02}", 1 + i % 12, 1 + i),
        });
        out.push_str(&format!("{record}\n"));
    }
    out
}

async fn hit_titles(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('#hits .hit h2')].map(e => e.textContent)",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Paging: Next shows the following ten stories numbered on from the
/// first page, the last page has no Next, and back returns page by page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_and_previous_pages_and_back() {
    let _one = ONE_BROWSER.lock().await;
    let Some(driver) = chromedriver() else { return };
    let ws = Workspace::new();
    let file = ws.write("budgets.jsonl", many_distinct_articles());
    let (srv, c) = served(&ws, &file, &driver).await;
    let numbers = "return [...document.querySelectorAll('#hits .hit')].map(li => li.value)";

    c.goto(&srv.url("/?q=budget")).await.unwrap();
    wait_until(
        &c,
        "document.querySelectorAll('#hits .hit').length > 0",
        "the first page",
    )
    .await;
    let status = js(&c, "return document.getElementById('status').textContent").await;
    assert!(status.as_str().unwrap().contains("23 articles"), "{status}");
    let first = hit_titles(&c).await;
    assert_eq!(first.len(), 10);
    assert_eq!(js(&c, numbers).await, json!((1..=10).collect::<Vec<_>>()));
    assert!(c.find(Locator::Css("#pager a[rel='prev']")).await.is_err());

    let mut pages = vec![first];
    for (offset, shown) in [(10, 10), (20, 3)] {
        let before = ready(&c).await;
        c.find(Locator::Css("#pager a[rel='next']"))
            .await
            .expect("a Next link")
            .click()
            .await
            .unwrap();
        rendered_after(&c, &before).await;
        assert!(url(&c).await.contains(&format!("offset={offset}")));
        let titles = hit_titles(&c).await;
        assert_eq!(titles.len(), shown, "{titles:?}");
        let expected: Vec<_> = (offset + 1..=offset + shown).collect();
        assert_eq!(js(&c, numbers).await, json!(expected));
        for earlier in &pages {
            assert!(
                titles.iter().all(|t| !earlier.contains(t)),
                "a story shown on two pages: {titles:?}"
            );
        }
        pages.push(titles);
    }
    assert!(
        c.find(Locator::Css("#pager a[rel='next']")).await.is_err(),
        "a Next link on the last page"
    );

    // Back goes to the page before, as it was; Previous does too.
    let before = ready(&c).await;
    c.back().await.unwrap();
    rendered_after(&c, &before).await;
    assert_eq!(hit_titles(&c).await, pages[1]);
    let before = ready(&c).await;
    c.find(Locator::Css("#pager a[rel='prev']"))
        .await
        .expect("a Previous link")
        .click()
        .await
        .unwrap();
    rendered_after(&c, &before).await;
    assert!(!url(&c).await.contains("offset="));
    assert_eq!(hit_titles(&c).await, pages[0]);

    c.close().await.unwrap();
    drop(srv);
}
