//! Helpers shared by the workspace's tests: reading the specs and their examples, and a loopback
//! HTTP server that records the exact requests a client sends.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
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
    /// A label that names the example uniquely within its spec: `ShowJobInfo-200-example`.
    pub fn label(&self) -> String {
        format!("{}-{}-{}", self.operation, self.status, self.name)
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Follows a local `$ref` (`#/components/...`) if `node` is one.
pub fn resolve<'a>(spec: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("non-local $ref {r}"));
            let target = spec
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {r}"));
            resolve(spec, target)
        }
        None => node,
    }
}

/// Every operation of a spec: (`operationId`, method, path, operation object).
pub fn operations(spec: &Value) -> Vec<(String, String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                let id = op["operationId"].as_str().unwrap_or_default().to_owned();
                out.push((id, method.to_uppercase(), path.clone(), op));
            }
        }
    }
    out
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
}

/// A loopback HTTP/1.1 server that records every request and answers each with one fixed response.
pub struct CaptureServer {
    addr: std::net::SocketAddr,
    requests: Arc<Mutex<Vec<CapturedRequest>>>,
    task: tokio::task::JoinHandle<()>,
}

impl CaptureServer {
    /// Starts a server on 127.0.0.1 answering `status` with `body` (JSON when non-empty).
    pub async fn start(status: u16, body: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        let body = body.to_owned();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                let body = body.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, status, &body, &log).await;
                });
            }
        });
        Self {
            addr,
            requests,
            task,
        }
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<CapturedRequest> {
        self.requests.lock().expect("capture log").clone()
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    status: u16,
    body: &str,
    log: &Mutex<Vec<CapturedRequest>>,
) -> std::io::Result<()> {
    loop {
        let mut buf = Vec::new();
        let head_end = loop {
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break pos;
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
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
        let mut request_body = buf[head_end + 4..].to_vec();
        while request_body.len() < length {
            let mut chunk = vec![0u8; length - request_body.len()];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            request_body.extend_from_slice(&chunk[..n]);
        }
        log.lock().expect("capture log").push(CapturedRequest {
            method,
            target,
            headers,
            body: request_body,
        });
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

    /// Adds a header to an answer (no effect on [`Reply::Close`] and [`Reply::Hang`]).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Self::Answer { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

/// A loopback HTTP/1.1 server that answers the n-th request it receives (over any connection) with
/// the n-th [`Reply`] of a script, and records every request with the time it arrived.
pub struct ScriptedServer {
    addr: std::net::SocketAddr,
    log: Arc<Mutex<Vec<(std::time::Instant, CapturedRequest)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    /// Starts a server on 127.0.0.1 that follows `script`; requests after the script's end get its
    /// last entry.
    pub async fn start(script: Vec<Reply>) -> Self {
        assert!(!script.is_empty(), "a script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&log);
        let script = Arc::new(script);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&shared);
                let script = Arc::clone(&script);
                tokio::spawn(async move {
                    let _ = serve_scripted(stream, &script, &log).await;
                });
            }
        });
        Self { addr, log, task }
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
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
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request from `stream`; `pending` carries bytes read past its end. `None` when the peer
/// closed the connection before a request began.
async fn read_request(
    stream: &mut TcpStream,
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
    mut stream: TcpStream,
    script: &[Reply],
    log: &Mutex<Vec<(std::time::Instant, CapturedRequest)>>,
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
        }
    }
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
