//! Helpers shared by the workspace's tests: reading the specs and their examples, loopback HTTP
//! servers that record the exact requests a client sends (and answer them as scripted), clients
//! built for them ([`clients`], [`waiting`], [`CaptureServer::signed_client`]), TLS, a proxy, and
//! trace capture.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives one level below the workspace root")
        .to_path_buf()
}

/// Every spec of the workspace, by service name (`dcs` for `specs/dcs.yaml`).
pub fn specs() -> BTreeMap<String, Value> {
    let dir = workspace_root().join("specs");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("specs/ is readable") {
        let path = entry.expect("specs/ entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 name");
            out.insert(name.to_owned(), spec(name));
        }
    }
    out
}

/// One spec, `specs/<service>.yaml`, as JSON.
pub fn spec(service: &str) -> Value {
    let path = workspace_root()
        .join("specs")
        .join(format!("{service}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// An example response body from a spec.
#[derive(Clone, Debug)]
pub struct ResponseExample {
    /// The operation's `operationId`.
    pub operation: String,
    /// The response status (`200`, `400`...).
    pub status: String,
    /// The example's name: the key under `examples`, or `example` for a single one.
    pub name: String,
    /// The example body.
    pub value: Value,
}

impl ResponseExample {
    /// Decodes the example with a crate's generated decode table
    /// (`hwcloud_dcs::__private::decode_response_debug`): the type its spec gives the response. Panics,
    /// naming the example, when the table has no type for it or it does not decode.
    pub fn decode_with(
        &self,
        table: fn(&str, &str, Value) -> Option<Result<String, serde_json::Error>>,
    ) -> String {
        table(&self.operation, &self.status, self.value.clone())
            .unwrap_or_else(|| {
                panic!(
                    "{}: the spec gives this response no body type",
                    self.label()
                )
            })
            .unwrap_or_else(|e| panic!("{}: does not decode: {e}", self.label()))
    }

    /// A label that names the example uniquely within its spec: `ShowJobInfo-200-example`.
    pub fn label(&self) -> String {
        format!("{}-{}-{}", self.operation, self.status, self.name)
    }
}

/// Follows a local `$ref` (`#/components/...`) if `node` is one.
pub fn resolve<'a>(spec: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer =
                hwcloud_spec_model::ref_pointer(r).unwrap_or_else(|| panic!("non-local $ref {r}"));
            let target = spec
                .pointer(&pointer)
                .unwrap_or_else(|| panic!("dangling $ref {r}"));
            resolve(spec, target)
        }
        None => node,
    }
}

/// Every operation of a spec: (`operationId`, method, path, operation object), walked by the
/// workspace's OpenAPI model (`hwcloud-spec-model`), the one every spec reader of it uses.
pub fn operations(spec: &Value) -> Vec<(String, String, String, &Value)> {
    hwcloud_spec_model::operations(spec)
        .into_iter()
        .map(|op| {
            let id = op.value["operationId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            (id, op.method.to_uppercase(), op.path.to_owned(), op.value)
        })
        .collect()
}

/// Every example response body of a spec (`example` and each of `examples`), in spec order.
pub fn response_examples(spec: &Value) -> Vec<ResponseExample> {
    let mut out = Vec::new();
    for (operation, _, _, op) in operations(spec) {
        for (status, response) in op["responses"].as_object().into_iter().flatten() {
            let response = resolve(spec, response);
            for media in response["content"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(_, m)| m)
            {
                if let Some(value) = media.get("example") {
                    out.push(ResponseExample {
                        operation: operation.clone(),
                        status: status.clone(),
                        name: "example".to_owned(),
                        value: value.clone(),
                    });
                }
                for (name, example) in media["examples"].as_object().into_iter().flatten() {
                    out.push(ResponseExample {
                        operation: operation.clone(),
                        status: status.clone(),
                        name: name.clone(),
                        value: resolve(spec, example)["value"].clone(),
                    });
                }
            }
        }
    }
    out
}

/// The statuses an operation documents, split into (success, error).
pub fn statuses(spec: &Value, operation_id: &str) -> (Vec<u16>, Vec<u16>) {
    let (_, _, _, op) = operations(spec)
        .into_iter()
        .find(|(id, ..)| id == operation_id)
        .unwrap_or_else(|| panic!("no operation {operation_id}"));
    let codes: Vec<u16> = op["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(status, _)| status.parse().ok())
        .collect();
    codes.iter().copied().partition(|c| (200..300).contains(c))
}

/// A request as it arrived on the wire.
#[derive(Clone, Debug)]
pub struct CapturedRequest {
    /// Method, as sent.
    pub method: String,
    /// Path and query, as sent (still percent-encoded).
    pub target: String,
    /// Header names (lower case) and values, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl CapturedRequest {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as UTF-8 text.
    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }

    /// Checks the request's signature with the core's `Verifier` and secret key `sk`, at the time
    /// its own `X-Sdk-Date` names (so a fixed or moving signing clock does not matter).
    pub fn verify_signature(
        &self,
        sk: &str,
    ) -> Result<hwcloud_core::signing::VerifiedRequest, hwcloud_core::signing::VerifyError> {
        let date = self.header("x-sdk-date").expect("an X-Sdk-Date header");
        let host = self.header("host").expect("a Host header");
        let url = reqwest::Url::parse(&format!("http://{host}{}", self.target)).expect("a URL");
        let received = hwcloud_core::signing::ReceivedRequest::new(
            &self.method,
            &url,
            &self.headers,
            &self.body,
        );
        hwcloud_core::Verifier::new()
            .with_clock(hwcloud_core::signing::FixedClock::from_sdk_date(date).expect("a date"))
            .verify(&received, &secrecy::SecretString::from(sk.to_owned()))
    }

    /// Method, target and every header except `host` (whose port changes from run to run), then
    /// the body: what the request snapshot tests pin.
    pub fn render(&self) -> String {
        let mut out = format!("{} {}\n", self.method, self.target);
        for (name, value) in self.headers.iter().filter(|(n, _)| n != "host") {
            out.push_str(&format!("{name}: {value}\n"));
        }
        out.push('\n');
        out.push_str(self.body_text());
        out
    }
}

/// Where a test server listens: a loopback address, plain or with TLS.
#[derive(Clone, Default)]
pub struct Listen {
    /// The loopback address (127.0.0.1 when `None`).
    pub ip: Option<std::net::Ipv4Addr>,
    /// Serves HTTPS with this identity when set.
    pub tls: Option<tls::TestTls>,
}

impl Listen {
    /// Plain HTTP on another loopback address, such as 127.0.0.2.
    pub fn on(ip: [u8; 4]) -> Self {
        Self {
            ip: Some(ip.into()),
            tls: None,
        }
    }

    /// Serves HTTPS with `tls`.
    pub fn with_tls(mut self, tls: &tls::TestTls) -> Self {
        self.tls = Some(tls.clone());
        self
    }

    async fn bind(&self) -> (TcpListener, std::net::SocketAddr) {
        let ip = self.ip.unwrap_or(std::net::Ipv4Addr::LOCALHOST);
        assert!(ip.is_loopback(), "test servers listen on loopback only");
        let listener = TcpListener::bind((ip, 0)).await.expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        (listener, addr)
    }

    fn url(&self, addr: std::net::SocketAddr) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{addr}")
    }
}

/// A stream a test server reads requests from and writes answers to: TCP, or TLS over TCP.
trait Conn: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Conn for T {}

/// Accepts connections on `listener` (with TLS when `listen` says so), counts them, and serves
/// each with `serve` on its own task.
fn accept_loop<F, Fut>(
    listener: TcpListener,
    listen: &Listen,
    accepted: Arc<AtomicUsize>,
    serve: F,
) -> tokio::task::JoinHandle<()>
where
    F: Fn(Box<dyn Conn>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let acceptor = listen.tls.as_ref().map(tls::TestTls::acceptor);
    let serve = Arc::new(serve);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            accepted.fetch_add(1, Ordering::SeqCst);
            let serve = Arc::clone(&serve);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                match acceptor {
                    None => serve(Box::new(stream)).await,
                    Some(acceptor) => {
                        if let Ok(stream) = acceptor.accept(stream).await {
                            serve(Box::new(stream)).await;
                        }
                    }
                }
            });
        }
    })
}

/// A loopback HTTP/1.1 server that records every request and answers each with one fixed response.
pub struct CaptureServer {
    addr: std::net::SocketAddr,
    url: String,
    requests: Arc<Mutex<Vec<CapturedRequest>>>,
    accepted: Arc<AtomicUsize>,
    served: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl CaptureServer {
    /// Starts a server on 127.0.0.1 answering `status` with `body` (JSON when non-empty).
    pub async fn start(status: u16, body: &str) -> Self {
        Self::start_on(Listen::default(), status, body).await
    }

    /// [`Self::start`], listening as `listen` says.
    pub async fn start_on(listen: Listen, status: u16, body: &str) -> Self {
        Self::start_with(listen, status, body, true).await
    }

    /// [`Self::start`], counting requests without keeping them: for load tests that measure the
    /// client's memory, not the server's log.
    pub async fn start_unrecorded(status: u16, body: &str) -> Self {
        Self::start_with(Listen::default(), status, body, false).await
    }

    async fn start_with(listen: Listen, status: u16, body: &str, record: bool) -> Self {
        let (listener, addr) = listen.bind().await;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let accepted = Arc::new(AtomicUsize::new(0));
        let served = Arc::new(AtomicUsize::new(0));
        let log = record.then(|| Arc::clone(&requests));
        let counter = Arc::clone(&served);
        let body: Arc<str> = body.into();
        let task = accept_loop(listener, &listen, Arc::clone(&accepted), move |stream| {
            let log = log.clone();
            let counter = Arc::clone(&counter);
            let body = Arc::clone(&body);
            async move {
                let _ = serve(stream, status, &body, log.as_deref(), &counter).await;
            }
        });
        Self {
            addr,
            url: listen.url(addr),
            requests,
            accepted,
            served,
            task,
        }
    }

    /// How many requests the server answered so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    /// The base URL (`http://127.0.0.1:PORT`, or `https://...` with TLS).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<CapturedRequest> {
        self.requests.lock().expect("capture log").clone()
    }

    /// How many connections the server accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// Fixed signing inputs (the official SDK vectors' keys and date), so that signed request snapshots
/// are the same on every run.
pub mod signed {
    /// Access key id of the official SDK's vectors.
    pub const AK: &str = "AKEXAMPLE0123456789A";
    /// Secret key of the official SDK's vectors.
    pub const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
    /// A security token, for temporary credentials.
    pub const SECURITY_TOKEN: &str = "TOKENEXAMPLE-temporary-security-token";
    /// `X-Sdk-Date` of the official SDK's vectors.
    pub const SDK_DATE: &str = "20240102T030405Z";
    /// The host name [`super::CaptureServer::signed_client`] sends to.
    pub const HOST: &str = "service.example.test";
}

impl CaptureServer {
    /// A client made with `builder` (the generated `Client::builder`) that signs with
    /// `credentials` at [`signed::SDK_DATE`] for `project_id` and sends to [`signed::HOST`], that is
    /// to this server: every header of what it sends, the signature included, is the same on
    /// every run.
    pub fn signed_client<C>(
        &self,
        builder: fn() -> hwcloud_core::ClientBuilder<C>,
        project_id: &str,
        credentials: hwcloud_core::Credentials,
    ) -> C {
        let clock =
            hwcloud_core::signing::FixedClock::from_sdk_date(signed::SDK_DATE).expect("date");
        let addr = self.addr;
        builder()
            // A fixed host name, sent to this loopback server: the `Host` header, and so a
            // signature, do not depend on the port the server got.
            .endpoint_allowing_http(format!("http://{}", signed::HOST))
            .configure_http(move |http| http.resolve(signed::HOST, addr))
            .no_proxy()
            .env_lookup(|_| None)
            .project_id(project_id)
            .credentials(credentials)
            .clock(clock)
            .build()
            .expect("a client")
    }

    /// Starts a server answering `status` with `body`, makes `call` with a
    /// [`Self::signed_client`] signing with the vectors' AK/SK ([`signed::AK`], [`signed::SK`]),
    /// and returns the one request it sent (panics unless exactly one went out).
    pub async fn capture_signed<C>(
        builder: fn() -> hwcloud_core::ClientBuilder<C>,
        project_id: &str,
        (status, body): (u16, &str),
        call: impl AsyncFnOnce(&C),
    ) -> CapturedRequest {
        let server = Self::start(status, body).await;
        let credentials = hwcloud_core::Credentials::aksk(signed::AK, signed::SK);
        call(&server.signed_client(builder, project_id, credentials)).await;
        let mut requests = server.requests();
        assert_eq!(requests.len(), 1, "exactly one request is sent");
        requests.remove(0)
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: Box<dyn Conn>,
    status: u16,
    body: &str,
    log: Option<&Mutex<Vec<CapturedRequest>>>,
    served: &AtomicUsize,
) -> std::io::Result<()> {
    let mut pending = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut pending).await? {
        served.fetch_add(1, Ordering::SeqCst);
        if let Some(log) = log {
            log.lock().expect("capture log").push(request);
        }
        let content_type = if body.is_empty() {
            ""
        } else {
            "content-type: application/json\r\n"
        };
        let response = format!(
            "HTTP/1.1 {status} X\r\n{content_type}content-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await?;
    }
    Ok(())
}

/// One scripted answer of a [`ScriptedServer`].
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answers with this status, these headers and this body.
    Answer {
        /// The status.
        status: u16,
        /// Headers besides `content-length`.
        headers: Vec<(String, String)>,
        /// The body.
        body: String,
    },
    /// Reads the request, then closes the connection without answering.
    Close,
    /// Reads the request and never answers: the connection stays open until the client closes it.
    Hang,
    /// Writes these bytes as they are (status line, headers, body: anything, well-formed or not),
    /// then closes the connection.
    Raw(Vec<u8>),
    /// Answers with a status and headers, then a body of `total` bytes (`{"job_id":"aaaa...`)
    /// written as fast as the client reads it, never held in memory: with a `content-length` or,
    /// when `chunked`, in chunks of unannounced total length. The server counts what it wrote.
    Stream {
        /// The status.
        status: u16,
        /// Whether the body is sent chunked instead of with a `content-length`.
        chunked: bool,
        /// The body's length.
        total: u64,
    },
    /// Answers with a status and a `content-length` of `total`, then writes one byte of the body
    /// every `every`: a server that is slow but never silent for long.
    Drip {
        /// The status.
        status: u16,
        /// The announced body length.
        total: u64,
        /// The time between two bytes.
        every: std::time::Duration,
    },
}

impl Reply {
    /// An answer with `status` and a JSON body (and no `content-type` when `body` is empty).
    pub fn json(status: u16, body: &str) -> Self {
        let headers = if body.is_empty() {
            Vec::new()
        } else {
            vec![("content-type".to_owned(), "application/json".to_owned())]
        };
        Self::Answer {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    /// An answer with `status`, a `content-type` and a body.
    pub fn text(status: u16, content_type: &str, body: &str) -> Self {
        Self::Answer {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body: body.to_owned(),
        }
    }

    /// Adds a header to an answer (no effect on the other kinds of reply).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Self::Answer { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// A raw answer read from a file of the form of `tests/data/bad-answers/*.http`: a status
    /// line and headers, one per line (`\n` or `\r\n`), a blank line, then the body's bytes as
    /// they are. A `content-length` is added for the body unless the head has one or a
    /// `transfer-encoding`.
    pub fn from_http_file(bytes: &[u8]) -> Self {
        let (head, body) = match bytes.windows(2).position(|w| w == b"\n\n") {
            Some(at) => (&bytes[..at], &bytes[at + 2..]),
            None => match bytes.windows(4).position(|w| w == b"\r\n\r\n") {
                Some(at) => (&bytes[..at], &bytes[at + 4..]),
                None => (bytes, &b""[..]),
            },
        };
        let head = String::from_utf8_lossy(head);
        let mut out = String::new();
        for line in head.lines() {
            out.push_str(line.trim_end_matches('\r'));
            out.push_str("\r\n");
        }
        let lower = out.to_ascii_lowercase();
        if !lower.contains("\r\ncontent-length:") && !lower.contains("\r\ntransfer-encoding:") {
            out.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        out.push_str("\r\n");
        let mut raw = out.into_bytes();
        raw.extend_from_slice(body);
        Self::Raw(raw)
    }
}

/// A loopback HTTP/1.1 server that answers the n-th request it receives (over any connection) with
/// the n-th [`Reply`] of a script, and records every request with the time it arrived.
pub struct ScriptedServer {
    url: String,
    log: Arc<Mutex<Vec<(std::time::Instant, CapturedRequest)>>>,
    accepted: Arc<AtomicUsize>,
    written: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    /// Starts a server on 127.0.0.1 that follows `script`; requests after the script's end get its
    /// last entry.
    pub async fn start(script: Vec<Reply>) -> Self {
        Self::start_on(Listen::default(), script).await
    }

    /// [`Self::start`], listening as `listen` says.
    pub async fn start_on(listen: Listen, script: Vec<Reply>) -> Self {
        assert!(!script.is_empty(), "a script needs at least one reply");
        let (listener, addr) = listen.bind().await;
        let log = Arc::new(Mutex::new(Vec::new()));
        let accepted = Arc::new(AtomicUsize::new(0));
        let written = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&log);
        let counter = Arc::clone(&written);
        let script = Arc::new(script);
        let task = accept_loop(listener, &listen, Arc::clone(&accepted), move |stream| {
            let log = Arc::clone(&shared);
            let script = Arc::clone(&script);
            let written = Arc::clone(&counter);
            async move {
                let _ = serve_scripted(stream, &script, &log, &written).await;
            }
        });
        Self {
            url: listen.url(addr),
            log,
            accepted,
            written,
            task,
        }
    }

    /// The base URL (`http://127.0.0.1:PORT`, or `https://...` with TLS).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The requests received so far, in order of arrival.
    pub fn requests(&self) -> Vec<CapturedRequest> {
        let log = self.log.lock().expect("scripted log");
        log.iter().map(|(_, r)| r.clone()).collect()
    }

    /// When each request arrived (its head was read in full), in order.
    pub fn arrivals(&self) -> Vec<std::time::Instant> {
        let log = self.log.lock().expect("scripted log");
        log.iter().map(|(at, _)| *at).collect()
    }

    /// How many connections the server accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// How many body bytes [`Reply::Stream`] and [`Reply::Drip`] answers wrote so far.
    pub fn body_bytes_written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request from `stream`; `pending` carries bytes read past its end. `None` when the peer
/// closed the connection before a request began.
async fn read_request<S: AsyncRead + Unpin + ?Sized>(
    stream: &mut S,
    pending: &mut Vec<u8>,
) -> std::io::Result<Option<CapturedRequest>> {
    let head_end = loop {
        if let Some(pos) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        pending.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&pending[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut rest = pending.split_off(head_end + 4);
    while rest.len() < length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        rest.extend_from_slice(&chunk[..n]);
    }
    let body_len = length.min(rest.len());
    *pending = rest.split_off(body_len);
    Ok(Some(CapturedRequest {
        method,
        target,
        headers,
        body: rest,
    }))
}

async fn serve_scripted(
    mut stream: Box<dyn Conn>,
    script: &[Reply],
    log: &Mutex<Vec<(std::time::Instant, CapturedRequest)>>,
    written: &AtomicU64,
) -> std::io::Result<()> {
    let mut pending = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut pending).await? {
        let reply = {
            let mut log = log.lock().expect("scripted log");
            let index = log.len().min(script.len() - 1);
            log.push((std::time::Instant::now(), request));
            script[index].clone()
        };
        match reply {
            Reply::Answer {
                status,
                headers,
                body,
            } => {
                let mut response = format!("HTTP/1.1 {status} X\r\n");
                for (name, value) in &headers {
                    response.push_str(&format!("{name}: {value}\r\n"));
                }
                response.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
                stream.write_all(response.as_bytes()).await?;
            }
            Reply::Close => return Ok(()),
            Reply::Hang => {
                let mut sink = [0u8; 1024];
                while stream.read(&mut sink).await? > 0 {}
                return Ok(());
            }
            Reply::Raw(bytes) => {
                stream.write_all(&bytes).await?;
                stream.flush().await?;
                stream.shutdown().await?;
                return Ok(());
            }
            Reply::Stream {
                status,
                chunked,
                total,
            } => {
                let framing = if chunked {
                    "transfer-encoding: chunked".to_owned()
                } else {
                    format!("content-length: {total}")
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n{framing}\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await?;
                let block = vec![b'a'; 64 * 1024];
                let mut first = b"{\"job_id\":\"".to_vec();
                first.resize(block.len(), b'a');
                let mut sent = 0u64;
                while sent < total {
                    let n = (total - sent).min(block.len() as u64) as usize;
                    let piece = if sent == 0 { &first[..n] } else { &block[..n] };
                    if chunked {
                        stream.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                        stream.write_all(piece).await?;
                        stream.write_all(b"\r\n").await?;
                    } else {
                        stream.write_all(piece).await?;
                    }
                    sent += n as u64;
                    written.fetch_add(n as u64, Ordering::SeqCst);
                }
                if chunked {
                    stream.write_all(b"0\r\n\r\n").await?;
                }
            }
            Reply::Drip {
                status,
                total,
                every,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {total}\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await?;
                stream.flush().await?;
                for _ in 0..total {
                    tokio::time::sleep(every).await;
                    stream.write_all(b" ").await?;
                    stream.flush().await?;
                    written.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }
    Ok(())
}

/// TLS for test servers: a throwaway CA and a server certificate it signed, for `localhost`,
/// `127.0.0.1` and `127.0.0.2`, made fresh by each [`tls::TestTls::generate`].
pub mod tls {
    use std::sync::Arc;

    use tokio_rustls::TlsAcceptor;
    use tokio_rustls::rustls;

    /// A CA certificate (PEM) and a server identity it signed.
    #[derive(Clone)]
    pub struct TestTls {
        ca_pem: String,
        config: Arc<rustls::ServerConfig>,
    }

    impl TestTls {
        /// Generates a CA and a server certificate for the loopback names, and a TLS 1.2 and 1.3
        /// server configuration with it.
        pub fn generate() -> Self {
            Self::generate_with_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        }

        /// [`Self::generate`], offering only the given TLS versions.
        pub fn generate_with_versions(
            versions: &[&'static rustls::SupportedProtocolVersion],
        ) -> Self {
            let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA");
            ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            ca_params
                .distinguished_name
                .push(rcgen::DnType::CommonName, "hwcloud test CA");
            ca_params.key_usages = vec![
                rcgen::KeyUsagePurpose::KeyCertSign,
                rcgen::KeyUsagePurpose::DigitalSignature,
            ];
            let ca_key = rcgen::KeyPair::generate().expect("CA key");
            let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
            let issuer = rcgen::Issuer::new(ca_params, ca_key);

            let names = ["localhost", "127.0.0.1", "127.0.0.2"].map(str::to_owned);
            let mut params = rcgen::CertificateParams::new(names.to_vec()).expect("server");
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, "localhost");
            let key = rcgen::KeyPair::generate().expect("server key");
            let cert = params.signed_by(&key, &issuer).expect("server certificate");

            let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
            let key = rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
            let config = rustls::ServerConfig::builder_with_provider(provider)
                .with_protocol_versions(versions)
                .expect("protocol versions")
                .with_no_client_auth()
                .with_single_cert(vec![cert.der().clone()], key)
                .expect("server identity");
            Self {
                ca_pem: ca_cert.pem(),
                config: Arc::new(config),
            }
        }

        /// The CA certificate, PEM: what a client must trust.
        pub fn ca_pem(&self) -> &str {
            &self.ca_pem
        }

        pub(crate) fn acceptor(&self) -> TlsAcceptor {
            TlsAcceptor::from(Arc::clone(&self.config))
        }
    }
}

/// A tiny forward proxy on 127.0.0.1 for tests: plain HTTP requests in absolute form are passed on
/// to their (loopback) host, `CONNECT` opens a tunnel to one. It records what it was asked for,
/// and refuses any host that is not a loopback address.
pub struct ForwardProxy {
    addr: std::net::SocketAddr,
    targets: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl ForwardProxy {
    /// Starts the proxy.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let targets = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&targets);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let _ = proxy_one(stream, &log).await;
                });
            }
        });
        Self {
            addr,
            targets,
            task,
        }
    }

    /// The proxy's URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What it was asked for, in order: `GET http://127.0.0.1:PORT/path` or
    /// `CONNECT 127.0.0.1:PORT`.
    pub fn targets(&self) -> Vec<String> {
        self.targets.lock().expect("proxy log").clone()
    }
}

impl Drop for ForwardProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn proxy_one(mut client: TcpStream, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut pending = Vec::new();
    let Some(request) = read_request(&mut client, &mut pending).await? else {
        return Ok(());
    };
    log.lock()
        .expect("proxy log")
        .push(format!("{} {}", request.method, request.target));
    let (authority, origin_form) = if request.method == "CONNECT" {
        (request.target.clone(), None)
    } else {
        let rest = request
            .target
            .strip_prefix("http://")
            .unwrap_or(&request.target);
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let path = if path.is_empty() { "/" } else { path };
        (authority.to_owned(), Some(path.to_owned()))
    };
    let host = authority.rsplit_once(':').map_or(&*authority, |(h, _)| h);
    let loopback = host == "localhost"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        client
            .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
            .await?;
        return Ok(());
    }
    let mut upstream = TcpStream::connect(&authority).await?;
    match origin_form {
        None => {
            client
                .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                .await?;
        }
        Some(path) => {
            let mut head = format!("{} {path} HTTP/1.1\r\n", request.method);
            for (name, value) in &request.headers {
                if !name.starts_with("proxy-") {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
            }
            head.push_str("\r\n");
            upstream.write_all(head.as_bytes()).await?;
            upstream.write_all(&request.body).await?;
        }
    }
    upstream.write_all(&pending).await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

/// A loopback port on which nothing listens, so that connecting to it is refused. The port stays
/// bound (but never listening) while the value lives, so no other test can take it meanwhile.
pub struct RefusingPort {
    _socket: tokio::net::TcpSocket,
    addr: std::net::SocketAddr,
}

impl RefusingPort {
    /// Reserves a port on 127.0.0.1.
    pub fn bind() -> Self {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .expect("bind loopback");
        let addr = socket.local_addr().expect("local addr");
        Self {
            _socket: socket,
            addr,
        }
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Captures what the code under test traces, with a hand-written `tracing` subscriber.
///
/// The subscriber is installed once as the global default and routes what each thread traces to
/// the [`trace::Capture`] running on that thread (`#[tokio::test]` runs a test and everything it spawns on
/// one thread). A global subscriber, rather than a scoped one per test, because `tracing` caches
/// whether a call site is enabled process-wide: a scoped subscriber misses call sites that another
/// test's thread registered first.
pub mod trace {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::fmt;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, Once};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::subscriber::Interest;
    use tracing::{Event, Metadata, Subscriber};
    use tracing_core::span::Current;

    /// One thing the subscriber was given.
    #[derive(Clone, Debug)]
    pub struct Entry {
        /// `span NAME` (a new span and its fields), `record NAME` (fields recorded on a span
        /// later), `event LEVEL TARGET`, or `log LEVEL TARGET` (a `log` record).
        pub what: String,
        /// The fields, as text (`Debug`, or the string itself for strings).
        pub fields: Vec<(String, String)>,
    }

    impl Entry {
        /// The value of one field.
        pub fn field(&self, name: &str) -> Option<&str> {
            self.fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }
    }

    type Sink = Arc<Mutex<Vec<Entry>>>;

    thread_local! {
        static SINK: RefCell<Option<Sink>> = const { RefCell::new(None) };
        static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }

    static SPANS: Mutex<Option<HashMap<u64, &'static Metadata<'static>>>> = Mutex::new(None);
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);

    /// Everything this thread traces while the value lives.
    pub struct Capture {
        entries: Sink,
    }

    impl Capture {
        /// Starts capturing on this thread.
        pub fn start() -> Self {
            static INSTALL: Once = Once::new();
            INSTALL.call_once(|| {
                tracing::subscriber::set_global_default(Global)
                    .expect("no other global subscriber in this test binary");
                // `log` records too (reqwest and hyper log through `log`).
                log::set_logger(&Global).expect("no other logger in this test binary");
                log::set_max_level(log::LevelFilter::Trace);
            });
            // Call sites registered before the subscriber was installed may have been cached as
            // disabled.
            tracing_core::callsite::rebuild_interest_cache();
            let entries = Sink::default();
            SINK.with(|sink| *sink.borrow_mut() = Some(Arc::clone(&entries)));
            Self { entries }
        }

        /// What was captured so far.
        pub fn entries(&self) -> Vec<Entry> {
            self.entries.lock().expect("entries").clone()
        }
    }

    impl Drop for Capture {
        fn drop(&mut self) {
            SINK.with(|sink| sink.borrow_mut().take());
        }
    }

    fn push(what: impl FnOnce() -> String, fields: Vec<(String, String)>) {
        SINK.with(|sink| {
            if let Some(sink) = sink.borrow().as_ref() {
                let what = what();
                sink.lock().expect("entries").push(Entry { what, fields });
            }
        });
    }

    fn metadata(id: u64) -> Option<&'static Metadata<'static>> {
        SPANS
            .lock()
            .expect("spans")
            .as_ref()
            .and_then(|m| m.get(&id).copied())
    }

    struct Fields(Vec<(String, String)>);

    impl Visit for Fields {
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.push((field.name().to_owned(), value.to_owned()));
        }

        fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
            self.0.push((field.name().to_owned(), format!("{value:?}")));
        }
    }

    struct Global;

    impl log::Log for Global {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }

        fn log(&self, record: &log::Record<'_>) {
            push(
                || format!("log {} {}", record.level(), record.target()),
                vec![("message".to_owned(), record.args().to_string())],
            );
        }

        fn flush(&self) {}
    }

    impl Subscriber for Global {
        fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
            Interest::always()
        }

        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let id = NEXT_ID.fetch_add(1, Ordering::SeqCst);
            let meta = span.metadata();
            SPANS
                .lock()
                .expect("spans")
                .get_or_insert_with(HashMap::new)
                .insert(id, meta);
            let mut fields = Fields(Vec::new());
            span.record(&mut fields);
            push(|| format!("span {}", meta.name()), fields.0);
            Id::from_u64(id)
        }

        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut fields = Fields(Vec::new());
            values.record(&mut fields);
            let name = metadata(span.into_u64()).map_or("?", |m| m.name());
            push(|| format!("record {name}"), fields.0);
        }

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(Vec::new());
            event.record(&mut fields);
            let meta = event.metadata();
            push(
                || format!("event {} {}", meta.level(), meta.target()),
                fields.0,
            );
        }

        fn enter(&self, span: &Id) {
            ENTERED.with(|entered| entered.borrow_mut().push(span.into_u64()));
        }

        fn exit(&self, span: &Id) {
            ENTERED.with(|entered| {
                let mut entered = entered.borrow_mut();
                if let Some(at) = entered.iter().rposition(|id| *id == span.into_u64()) {
                    entered.remove(at);
                }
            });
        }

        /// What `Span::current()` returns: the core records the attempt and status on it.
        fn current_span(&self) -> Current {
            let current = ENTERED.with(|entered| entered.borrow().last().copied());
            match current.and_then(|id| metadata(id).map(|meta| (id, meta))) {
                Some((id, meta)) => Current::new(Id::from_u64(id), meta),
                None => Current::none(),
            }
        }
    }
}

/// Clients as the workspace's tests build them: retries at test speed, a generated client pointed
/// at a loopback test server, the error a call ends with, and the typed error responses of a
/// service crate.
pub mod clients {
    use std::fmt::Debug;
    use std::time::Duration;

    use hwcloud_core::{ClientBuilder, Error, RetryPolicy};

    use crate::CaptureServer;

    /// `max_attempts` attempts with 1-5 ms between them and `Retry-After` honoured up to 2 s: the
    /// default policy's rules at test speed.
    pub fn fast_retries(max_attempts: u32) -> RetryPolicy {
        RetryPolicy::default()
            .with_max_attempts(max_attempts)
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_millis(5))
            .with_max_retry_after(Duration::from_secs(2))
    }

    /// A client made with `builder` (the generated `Client::builder`) for the loopback server at
    /// `url`, without credentials, for `project_id`, retrying as `retry` says.
    pub fn plain<C>(
        builder: fn() -> ClientBuilder<C>,
        url: &str,
        project_id: &str,
        retry: RetryPolicy,
    ) -> C {
        loopback(builder(), url, project_id, retry)
            .build()
            .expect("a client")
    }

    /// `builder` (the generated `Client::builder()`) sending to the loopback server at `url` for
    /// `project_id`, retrying as `retry` says, and reading no environment variable: the proxy or
    /// `HUAWEICLOUD_SDK_*` settings of the machine that runs the tests never reach them.
    /// Credentials, algorithm and the rest are the caller's to add.
    pub fn loopback<C>(
        builder: ClientBuilder<C>,
        url: &str,
        project_id: &str,
        retry: RetryPolicy,
    ) -> ClientBuilder<C> {
        builder
            .endpoint(url)
            .project_id(project_id)
            .retry(retry)
            .env_lookup(|_| None)
    }

    /// A call's outcome with its answer dropped and its error the core's [`Error`]: for tests that
    /// make several calls of different operations and compare what became of each.
    pub fn outcome<T, E: Into<Error>>(result: Result<T, E>) -> Result<(), Error> {
        result.map(drop).map_err(Into::into)
    }

    /// The body of the answer to `call` (a generated `send()`); panics with the error when it
    /// fails.
    pub async fn answer_of<T, E: Debug>(
        call: impl IntoFuture<Output = Result<progenitor_client::ResponseValue<T>, E>>,
    ) -> T {
        match call.await {
            Ok(answer) => answer.into_inner(),
            Err(err) => panic!("expected an answer, got {err:?}"),
        }
    }

    /// The error `call` (a generated `send()`) ends with, as the core's [`Error`]; panics with the
    /// answer when it succeeds.
    pub async fn error_of<T: Debug, E: Into<Error>>(
        call: impl IntoFuture<Output = Result<T, E>>,
    ) -> Error {
        match call.await {
            Ok(answer) => panic!("expected an error, got {answer:?}"),
            Err(err) => err.into(),
        }
    }

    /// For each of `statuses`: a loopback server answers it with an error body in the gateway's
    /// format (`error_code` `{prefix}.{status}`, `error_msg` `failed with {status}`), `call` sends
    /// exactly one request to it (given its URL), and the error must be the service's error with
    /// that status, code and message.
    pub async fn assert_typed_errors<T: Debug>(
        prefix: &str,
        statuses: &[u16],
        call: impl AsyncFn(&str) -> Result<T, Error>,
    ) {
        for &status in statuses {
            let body = serde_json::json!({
                "error_code": format!("{prefix}.{status}"),
                "error_msg": format!("failed with {status}"),
                "error_ext_msg": null,
            });
            let server = CaptureServer::start(status, &body.to_string()).await;
            let error = match call(&server.url()).await {
                Err(Error::Service(error)) => error,
                other => panic!("status {status}: expected the service's error, got {other:?}"),
            };
            assert_eq!(error.status.as_u16(), status);
            let expected = format!("{prefix}.{status}");
            assert_eq!(
                error.error_code.as_deref(),
                Some(expected.as_str()),
                "error_code"
            );
            let expected = format!("failed with {status}");
            assert_eq!(
                error.error_msg.as_deref(),
                Some(expected.as_str()),
                "error_msg"
            );
            assert_eq!(server.served(), 1, "status {status}: one request");
        }
    }
}

/// What the waiter tests of every service share: a client that retries like the default
/// policy at test speed, and a poll policy in virtual time.
pub mod waiting {
    use std::time::Duration;

    use hwcloud_core::ClientBuilder;
    use hwcloud_core::wait::{PollPolicy, VirtualTimer};

    use crate::clients;

    /// A client made with `builder` for the loopback server at `url`: no credentials,
    /// `project_id`, and the default policy's three attempts at test speed
    /// ([`clients::fast_retries`]).
    pub fn fast_client<C>(builder: fn() -> ClientBuilder<C>, url: &str, project_id: &str) -> C {
        clients::plain(builder, url, project_id, clients::fast_retries(3))
    }

    /// The default poll policy on `timer`'s virtual clock, giving up after `deadline`.
    pub fn virtual_policy(timer: &VirtualTimer, deadline: Duration) -> PollPolicy {
        PollPolicy::default()
            .with_deadline(deadline)
            .with_timer(timer.clone())
    }
}
