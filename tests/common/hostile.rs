//! A misbehaving endpoint for the tests of what wsfleet does with one.

use std::time::Duration;

/// A misbehaving endpoint on 127.0.0.1: `answer` writes the whole HTTP
/// response to each request (whose head it is given). It stops serving when
/// dropped.
pub struct HostileEndpoint {
    pub endpoint: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl HostileEndpoint {
    pub fn start(answer: fn(&str, &mut std::net::TcpStream)) -> HostileEndpoint {
        use std::io::Read;
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (stopped, counted) = (stop.clone(), requests.clone());
        std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                counted.fetch_add(1, Ordering::SeqCst);
                answer(&String::from_utf8_lossy(&head), &mut stream);
            }
        });
        HostileEndpoint {
            endpoint,
            stop,
            requests,
        }
    }

    /// The real binary against this endpoint, as a script would run it.
    pub fn run(&self, args: &[&str]) -> super::Run {
        let home = tempfile::tempdir().unwrap();
        super::Run::of(
            super::isolated_wsfleet(&home)
                .env("AWS_REGION", "us-east-1")
                .args(["--endpoint-url", &self.endpoint])
                .args(args)
                .output()
                .unwrap(),
        )
    }

    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for HostileEndpoint {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}
