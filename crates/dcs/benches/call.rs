//! One whole generated, signed call against a loopback server, beside a hand-written `reqwest`
//! call that sends the same request with a precomputed signature and decodes the same type.
//! The generated call's extra cost is the hooks: path check, signing, retry bookkeeping, tracing.
//!
//! `cargo bench -p hwcloud-dcs --bench call`

mod common;

use std::net::SocketAddr;

use common::{
    HandMinimal, HandWritten, answer, complete_requests, generated, generated_call, hand_signer,
};
use criterion::{Criterion, criterion_group, criterion_main};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A keep-alive HTTP/1.1 server on loopback that answers every request with the job.
async fn serve() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let response = answer();
                let mut buf = vec![0u8; 8192];
                let mut filled = 0;
                loop {
                    let Ok(n) = stream.read(&mut buf[filled..]).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    filled += n;
                    for _ in 0..complete_requests(&mut buf, &mut filled) {
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    addr
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let addr = runtime.block_on(serve());
    let base = format!("http://{addr}");
    let signed = generated(&base, true);
    let unsigned = generated(&base, false);
    let hand_written = HandWritten::new(&base);

    let mut group = c.benchmark_group("call");
    group.bench_function("generated_unsigned_show_job_info", |b| {
        b.to_async(&runtime).iter(|| generated_call(&unsigned))
    });
    group.bench_function("generated_signed_show_job_info", |b| {
        b.to_async(&runtime).iter(|| generated_call(&signed))
    });
    group.bench_function("hand_written_reqwest_presigned", |b| {
        b.to_async(&runtime).iter(|| hand_written.call())
    });
    let signer = hand_signer();
    group.bench_function("hand_written_reqwest_signed", |b| {
        b.to_async(&runtime)
            .iter(|| hand_written.call_signed(&signer))
    });
    let hand_minimal = HandMinimal::new(&base);
    group.bench_function("hand_written_reqwest_signed_minimal", |b| {
        b.to_async(&runtime).iter(|| hand_minimal.call())
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
