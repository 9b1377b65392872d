//! The default transport over HTTP/2, as a crate whose operations send event streams has it:
//! against a TLS server on loopback that offers only `h2` (ALPN) and echoes each frame of the
//! request body as it comes, the client negotiates HTTP/2, and each chunk it sends comes back
//! before the next is sent: one call, both ways at once.

use runtime::transport::{ByteStream, Chunks, HttpClient, HyperClient, TransportError};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// Request body chunks from a channel: sent when the test says.
struct Channel(tokio::sync::mpsc::Receiver<Vec<u8>>);

impl Chunks for Channel {
    fn poll_chunk(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        self.get_mut().0.poll_recv(cx).map(|chunk| chunk.map(Ok))
    }
}

/// A TLS server for `localhost` that speaks only HTTP/2; returns its port and its certificate.
async fn h2_echo_server() -> (u16, rustls::pki_types::CertificateDer<'static>) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let der = cert.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::try_from(cert.key_pair.serialize_der()).unwrap();
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![der.clone()], key)
        .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(socket).await else { return };
                let echo = hyper::service::service_fn(|request: http::Request<hyper::body::Incoming>| async move {
                    let version = format!("{:?}", request.version());
                    let mut response = http::Response::new(request.into_body());
                    response
                        .headers_mut()
                        .insert("x-request-version", version.parse().unwrap());
                    Ok::<_, std::convert::Infallible>(response)
                });
                let _ = hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), echo)
                    .await;
            });
        }
    });
    (port, der)
}

#[tokio::test]
async fn the_default_transport_speaks_http2_both_ways_at_once() {
    let (port, cert) = h2_echo_server().await;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert).unwrap();
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = HyperClient::with_tls_config(tls, Duration::from_secs(3));

    let (chunks, body) = tokio::sync::mpsc::channel(1);
    let request = http::Request::post(format!("https://localhost:{port}/echo"))
        .body(ByteStream::new(Channel(body)))
        .unwrap();
    let call = async {
        let response = client.send_duplex(request).await.expect("the call starts");
        assert_eq!(response.version(), http::Version::HTTP_2);
        assert_eq!(response.headers()["x-request-version"], "HTTP/2.0");
        let mut echoed = response.into_body();
        for piece in ["one", "two", "three"] {
            // The next piece goes only once the last came back.
            chunks.send(piece.as_bytes().to_vec()).await.unwrap();
            let back = echoed.next_chunk().await.unwrap().unwrap();
            assert_eq!(back, piece.as_bytes());
        }
        drop(chunks);
        assert!(
            echoed.next_chunk().await.is_none(),
            "the echo ends with the request body"
        );
    };
    tokio::time::timeout(Duration::from_secs(20), call)
        .await
        .expect("the test finished in time");
}
