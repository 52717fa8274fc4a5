//! Connections of the preview: at most [`MAX_CONNECTIONS`] at once, each closed after
//! [`IDLE`] without a byte read or written.
//!
//! Without these, a few hundred connections left open and silent (a crashed browser, a
//! scanner on the network) kept every later visitor waiting. Over the cap a connection is
//! answered `503 Service Unavailable` at once and closed; the event stream of an open page
//! sends a comment every [`super::http::EVENT_KEEP_ALIVE`], well within [`IDLE`].

use axum::serve::Listener;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// Most connections served at once.
pub const MAX_CONNECTIONS: usize = 128;

/// How long a connection may stay silent (nothing read, nothing written) before it is closed.
pub const IDLE: Duration = Duration::from_secs(10);

/// What a connection over the cap is told.
const BUSY: &[u8] =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
Retry-After: 2\r\nConnection: close\r\nContent-Length: 49\r\n\r\n预览服务器连接过多，请稍后刷新。\n"
        .as_bytes();

/// A listener that caps and times out its connections.
pub struct Guarded {
    listener: TcpListener,
    slots: Arc<Semaphore>,
    idle: Duration,
}

impl Guarded {
    /// Wraps `listener` with the cap [`MAX_CONNECTIONS`] and the timeout [`IDLE`].
    pub fn new(listener: TcpListener) -> Guarded {
        Guarded::with_limits(listener, MAX_CONNECTIONS, IDLE)
    }

    /// Wraps `listener` with the given cap and idle timeout.
    pub fn with_limits(listener: TcpListener, max: usize, idle: Duration) -> Guarded {
        Guarded {
            listener,
            slots: Arc::new(Semaphore::new(max)),
            idle,
        }
    }
}

impl Listener for Guarded {
    type Io = Connection;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Connection, std::net::SocketAddr) {
        loop {
            let (stream, addr) = match self.listener.accept().await {
                Ok(a) => a,
                Err(_) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            match self.slots.clone().try_acquire_owned() {
                Ok(permit) => return (Connection::new(stream, permit, self.idle), addr),
                Err(_) => {
                    tokio::spawn(refuse(stream));
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }
}

/// Answers 503 and closes: writes the answer, closes its own side, then reads what the
/// client sends until it closes too (closing with unread data would reset the connection
/// and lose the answer). Gives up after two seconds.
async fn refuse(stream: TcpStream) {
    let give_up = Instant::now() + Duration::from_secs(2);
    let mut buf = [0u8; 4096];
    let mut sent = 0;
    while sent < BUSY.len() && Instant::now() < give_up {
        match stream.try_write(&BUSY[sent..]) {
            Ok(n) => sent += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                let _ = tokio::time::timeout(Duration::from_millis(100), stream.writable()).await;
            }
            Err(_) => return,
        }
    }
    let Ok(std_stream) = stream.into_std() else {
        return;
    };
    let _ = std_stream.shutdown(std::net::Shutdown::Write);
    let Ok(stream) = TcpStream::from_std(std_stream) else {
        return;
    };
    while Instant::now() < give_up {
        match tokio::time::timeout_at(give_up, stream.readable()).await {
            Ok(Ok(())) => match stream.try_read(&mut buf) {
                Ok(0) => return,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(_) => return,
            },
            _ => return,
        }
    }
}

/// A served connection: holds its slot until dropped; silent for too long, it ends.
pub struct Connection {
    stream: TcpStream,
    _slot: OwnedSemaphorePermit,
    idle: Duration,
    last: Instant,
    timer: Pin<Box<Sleep>>,
}

impl Connection {
    fn new(stream: TcpStream, slot: OwnedSemaphorePermit, idle: Duration) -> Connection {
        let now = Instant::now();
        Connection {
            stream,
            _slot: slot,
            idle,
            last: now,
            timer: Box::pin(tokio::time::sleep_until(now + idle)),
        }
    }

    /// Whether the connection has been silent for too long; otherwise makes sure the
    /// task is woken when it will have been.
    fn timed_out(&mut self, cx: &mut Context<'_>) -> bool {
        loop {
            let due = self.last + self.idle;
            if self.timer.deadline() != due {
                self.timer.as_mut().reset(due);
            }
            match self.timer.as_mut().poll(cx) {
                Poll::Pending => return false,
                Poll::Ready(()) if Instant::now() >= self.last + self.idle => return true,
                Poll::Ready(()) => {}
            }
        }
    }
}

fn idle_error() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "connection idle")
}

impl AsyncRead for Connection {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    this.last = Instant::now();
                }
                Poll::Ready(r)
            }
            Poll::Pending if this.timed_out(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write(cx, data) {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    this.last = Instant::now();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            // A client that reads nothing does not hold its slot for ever.
            Poll::Pending if this.timed_out(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write_vectored(cx, bufs) {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    this.last = Instant::now();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending if this.timed_out(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_has_the_right_length() {
        let text = std::str::from_utf8(BUSY).unwrap();
        let (_, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(text.contains(&format!("Content-Length: {}\r\n", body.len())));
    }
}
