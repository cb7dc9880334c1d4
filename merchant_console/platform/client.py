"""The HTTP client for the Platform Merchant API v1 (see docs/platform-api.md).

Every call returns an Outcome value instead of raising; HTTP and network trouble are classified
here and nowhere else. The token is sent as a header and never appears in a repr, a log line or
an error message.

A platform may misbehave on purpose or by accident, so no answer is trusted to end by itself:
every request has a total deadline and a minimum rate (checked at every read of the socket, so a
server dripping its headers one byte at a time is cut off too), and a response body has a size cap.
An id that could change a URL path is refused as an `Invalid` outcome before anything is sent.
Proxies from the environment are never used for this computer (the sandbox): the token would go
to the proxy over plain http.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..core.clock import ServerClock, TimeFormatError, local_now_ms, parse_http_date, parse_rfc3339
from ..core.conversation import Message, parse_thread
from ..core.display_text import visible
from ..core.refund import MalformedRefund, is_safe_id
from .outcomes import Conflict, Fatal, Invalid, Ok, Outcome, Retryable

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_EVIDENCE_BYTES = 64 * 1024**2
MAX_KEY_CHARS = 255
MAX_RESPONSE_BYTES = 32 * 1024**2  # one API answer (a page of 500 refunds is ~1.5 MB)
DEADLINE_S = 60.0         # a whole API request, first byte out to last byte in (a long poll adds its wait)
EVIDENCE_DEADLINE_S = 300.0  # one evidence download, however large
MIN_RATE_BPS = 8 * 1024   # after GRACE_S, an answer slower than this on average is given up
GRACE_S = 10.0
UNSAFE_ID = "unsafe_id"


class InsecureURL(ValueError):
    """A platform URL the console refuses to use."""


def check_platform_url(url: str) -> str:
    """Return the normalised root URL, or raise InsecureURL with the reason.

    https always; plain http only to this machine (loopback), e.g. the sandbox.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureURL(f"not a platform URL: {url!r} (expected e.g. https://platform.example)")
    if parts.username or parts.password:
        raise InsecureURL("a platform URL must not contain a user name or password")
    if parts.query or parts.fragment:
        raise InsecureURL("a platform URL is its root, without ?query or #fragment")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureURL(f"plain http:// is only allowed to this computer; use https://{parts.netloc}")
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):  # people paste the API base; the root is what we keep
        path = path[: -len(API_PREFIX)]
    return f"{parts.scheme}://{parts.netloc}{path}"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_TOO_SLOW = "too slow:"


class TooSlow(httpcore.ReadTimeout):
    """The answer missed its deadline or its minimum rate (see `_Budget`); httpx re-raises it as its
    ReadTimeout with this message, which `_network_outcome` recognises by its prefix."""


class _Budget:
    """One request's time budget, kept per thread: the socket reads of that thread consult it."""

    def __init__(self, deadline: float, grace_s: float, min_rate_bps: float) -> None:
        self.started = time.monotonic()
        self.deadline = deadline
        self.rate_from = self.started + grace_s
        self.min_rate_bps = min_rate_bps
        self.received = 0

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TooSlow(_TOO_SLOW + " the request's deadline passed")
        return left

    def got(self, n: int) -> None:
        self.received += n
        now = time.monotonic()
        if now > self.rate_from and self.received < self.min_rate_bps * (now - self.started):
            raise TooSlow(_TOO_SLOW + " the answer arrives slower than the minimum rate")


_budgets = threading.local()


def _current_budget() -> _Budget | None:
    return getattr(_budgets, "budget", None)


class _BudgetStream(httpcore.NetworkStream):
    """A socket whose every read and write is held to the calling thread's request budget."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    @staticmethod
    def _timeout(timeout: float | None) -> float | None:
        budget = _current_budget()
        if budget is None:
            return timeout
        left = budget.remaining()
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            data = self._inner.read(max_bytes, self._timeout(timeout))
        except httpcore.ReadTimeout:
            self._timeout(None)  # raises TooSlow when it was the budget that ran out
            raise
        budget = _current_budget()
        if budget is not None:
            budget.got(len(data))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, self._timeout(timeout))
        except httpcore.WriteTimeout:
            self._timeout(None)
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> _BudgetStream:
        return _BudgetStream(self._inner.start_tls(ssl_context, server_hostname, self._timeout(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _BudgetBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> _BudgetStream:
        return _BudgetStream(self._inner.connect_tcp(host, port, _BudgetStream._timeout(timeout), local_address,
                                                     socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,  # pragma: no cover - not used
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> _BudgetStream:
        return _BudgetStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore's retries are off
        self._inner.sleep(seconds)


def _hold_to_budgets(client: httpx.Client) -> None:
    """Route every connection of `client` (direct and proxied) through the budget checks."""
    for transport in [client._transport, *client._mounts.values()]:
        pool = getattr(transport, "_pool", None)
        if pool is not None and not isinstance(pool._network_backend, _BudgetBackend):
            pool._network_backend = _BudgetBackend(pool._network_backend)


class PlatformClient:
    def __init__(self, url: str, token: str, *, clock: ServerClock | None = None,
                 timeout: httpx.Timeout | float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None,
                 user_agent: str = "MerchantConsole", deadline_s: float = DEADLINE_S,
                 evidence_deadline_s: float = EVIDENCE_DEADLINE_S, min_rate_bps: float = MIN_RATE_BPS,
                 grace_s: float = GRACE_S, max_response_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self.url = check_platform_url(url)
        if not token or any(c in token for c in "\r\n"):
            raise ValueError("the platform token is empty or malformed")
        self.clock = clock or ServerClock()
        self.announcement: str | None = None
        self.deadline_s = deadline_s
        self.evidence_deadline_s = evidence_deadline_s
        self.min_rate_bps = min_rate_bps
        self.grace_s = grace_s
        self.max_response_bytes = max_response_bytes
        self._caps = threading.local()  # `within()`: an outer deadline (monotonic) for this thread's requests
        host = urlsplit(self.url).hostname or ""
        self._http = httpx.Client(
            base_url=self.url + API_PREFIX, timeout=timeout, transport=transport, verify=True,
            headers={"Authorization": f"Bearer {token}", "User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=False,
            # plain http goes only to this computer (check_platform_url): an HTTP_PROXY from the
            # environment would receive the bearer token in clear, and a proxy has no business there
            trust_env=not is_loopback(host))
        _hold_to_budgets(self._http)

    def __repr__(self) -> str:  # never the token
        return f"PlatformClient({self.url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def within(self, deadline: float | None) -> Iterator[None]:
        """Hold this thread's requests to end by `deadline` (time.monotonic()), e.g. one bounded sync round."""
        previous = getattr(self._caps, "deadline", None)
        self._caps.deadline = deadline if previous is None or deadline is None else min(previous, deadline)
        try:
            yield
        finally:
            self._caps.deadline = previous

    @contextlib.contextmanager
    def _budget(self, seconds: float, *, grace_s: float | None = None) -> Iterator[_Budget]:
        deadline = time.monotonic() + seconds
        cap = getattr(self._caps, "deadline", None)
        if cap is not None:
            deadline = min(deadline, cap)
        budget = _Budget(deadline, self.grace_s if grace_s is None else grace_s, self.min_rate_bps)
        _budgets.budget = budget
        try:
            yield budget
        finally:
            _budgets.budget = None

    # --- endpoints -------------------------------------------------------------------------

    def me(self) -> Outcome:
        out = self._call("GET", "/me")
        if isinstance(out, Ok) and isinstance(out.value, dict):
            try:
                stamp = out.value.get("server_time")
                server_ms = parse_rfc3339(stamp) if isinstance(stamp, str) else None
            except TimeFormatError:
                server_ms = None
            if server_ms is not None:
                self.clock.observe(server_ms, *self._last_times)
        return out

    def changes(self, cursor: str, *, limit: int = 500, wait: int = 0, timeout_extra_s: float = 15.0) -> Outcome:
        params = {"cursor": cursor, "limit": limit, "wait": wait}
        timeout = httpx.Timeout(wait + timeout_extra_s, connect=10.0) if wait else None
        # a long poll may be silent for its whole wait: its deadline and rate grace start after it
        return self._call("GET", "/refunds/changes", params=params, timeout=timeout, extra_s=wait)

    def refund(self, refund_id: str) -> Outcome:
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        return self._call("GET", f"/refunds/{refund_id}")

    def decide(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str, if_match: int) -> Outcome:
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        return self._call("POST", f"/refunds/{refund_id}/decision", json_body=body,
                          headers=_write_headers(idempotency_key, if_match))

    def statement(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str, if_match: int) -> Outcome:
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        return self._call("POST", f"/refunds/{refund_id}/statement", json_body=body,
                          headers=_write_headers(idempotency_key, if_match))

    # --- v1.1: the after-sale conversation ----------------------------------------------------

    def messages(self, refund_id: str) -> Outcome:
        """The refund's whole conversation: Ok(Thread), oldest first (malformed messages left out, named)."""
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        out = self._call("GET", f"/refunds/{refund_id}/messages")
        if not isinstance(out, Ok):
            return out
        try:
            return Ok(parse_thread(out.value), out.status, out.headers)
        except MalformedRefund as e:
            return Invalid("malformed", f"the platform's messages are malformed: {e}", out.status)

    def post_message(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str) -> Outcome:
        """Write to the buyer: Ok(Message) (201). 409 conversation_closed / too_many_unanswered are Conflicts."""
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        out = self._call("POST", f"/refunds/{refund_id}/messages", json_body=body,
                         headers=_key_header(idempotency_key))
        if not isinstance(out, Ok):
            return out
        try:
            return Ok(Message.from_json(out.value), out.status, out.headers)
        except MalformedRefund as e:
            return Invalid("malformed", f"the platform's answer to a message is malformed: {e}", out.status)

    def propose(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str, if_match: int) -> Outcome:
        """Propose a partial refund or a re-issued card: Ok(Refund document, now negotiating)."""
        return self._refund_write(refund_id, "proposal", body, idempotency_key, if_match)

    def extend(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str, if_match: int) -> Outcome:
        """Ask for more time: Ok(Refund document with due_at moved); 422 extension_not_allowed (details.reason)."""
        return self._refund_write(refund_id, "extension", body, idempotency_key, if_match)

    def answer_evidence(self, refund_id: str, body: dict[str, Any], *, idempotency_key: str, if_match: int) -> Outcome:
        """Answer customer service's evidence request: Ok(Refund document); 409 no_open_request."""
        return self._refund_write(refund_id, "evidence-answer", body, idempotency_key, if_match)

    def _refund_write(self, refund_id: str, what: str, body: dict[str, Any], key: str, version: int) -> Outcome:
        if (bad := _unsafe(refund_id)) is not None:
            return bad
        return self._call("POST", f"/refunds/{refund_id}/{what}", json_body=body,
                          headers=_write_headers(key, version))

    def upload_evidence(self, data: bytes, content_type: str) -> Outcome:
        return self._call("POST", "/merchant-evidence", content=data, headers={"Content-Type": content_type})

    def reason_codes(self) -> Outcome:
        return self._call("GET", "/reason-codes")

    def evidence(self, evidence_id: str, *, max_bytes: int = MAX_EVIDENCE_BYTES) -> Outcome:
        """The bytes of one evidence file (Ok.value: bytes), refusing anything over `max_bytes`."""
        if (bad := _unsafe(evidence_id)) is not None:
            return bad
        try:
            sent = self.clock.local_ms()
            with self._budget(self.evidence_deadline_s), \
                    self._http.stream("GET", f"/evidence/{evidence_id}") as resp:
                self._observe_date(resp, sent)
                if resp.status_code != 200:
                    body = _read_capped(resp, 64 * 1024)
                    return self._classify(resp, body)
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return Invalid("too_large", f"evidence is {declared} bytes, over the {max_bytes}-byte limit", 200)
                data = _read_capped(resp, max_bytes)
                if data is None:
                    return Invalid("too_large", f"evidence is over the {max_bytes}-byte limit", 200)
                return Ok(data, 200, {k.lower(): v for k, v in resp.headers.items()})
        except httpx.HTTPError as e:
            return _network_outcome(e)

    # --- machinery -------------------------------------------------------------------------

    _last_times: tuple[int, int] = (0, 0)

    def _call(self, method: str, path: str, *, params: dict[str, Any] | None = None, json_body: Any = None,
              content: bytes | None = None, headers: dict[str, Any] | None = None,
              timeout: float | httpx.Timeout | None = None,
              extra_s: float = 0.0) -> Outcome:
        kwargs: dict[str, Any] = {"params": params, "headers": headers}
        if json_body is not None:
            kwargs["content"] = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            kwargs["headers"] = {**(headers or {}), "Content-Type": "application/json"}
        elif content is not None:
            kwargs["content"] = content
        if timeout is not None:
            kwargs["timeout"] = timeout
        sent = self.clock.local_ms()
        try:
            with self._budget(self.deadline_s + extra_s, grace_s=self.grace_s + extra_s), \
                    self._http.stream(method, path, **kwargs) as resp:
                self._observe_date(resp, sent)
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
                    return _oversized(resp.status_code, self.max_response_bytes)
                body = _read_capped(resp, self.max_response_bytes)
        except httpx.HTTPError as e:
            return _network_outcome(e)
        if body is None:
            return _oversized(resp.status_code, self.max_response_bytes)
        if 200 <= resp.status_code < 300:
            self.announcement = None
            try:
                value = _loads(body)
            except ValueError:
                return Retryable("the platform sent a response that is not JSON", resp.status_code)
            return Ok(value, resp.status_code, {k.lower(): v for k, v in resp.headers.items()})
        return self._classify(resp, body)

    def _observe_date(self, resp: httpx.Response, sent: int) -> None:
        received = self.clock.local_ms()
        self._last_times = (sent, received)
        server_ms = parse_http_date(resp.headers.get("date", ""))
        if server_ms is not None:
            # the Date header has one-second precision: only correct the offset when it is clearly off
            self.clock.observe_coarse(server_ms, sent, received, precision_ms=1000)

    def _classify(self, resp: httpx.Response, body: bytes | None) -> Outcome:
        status = resp.status_code
        try:
            err = _loads(body or b"").get("error") or {}
            if not isinstance(err, dict):
                err = {}
        except (ValueError, AttributeError):
            err = {}
        code = str(err.get("code") or f"http_{status}")[:64]
        message = str(err.get("message") or resp.reason_phrase or "")[:2000]
        raw_details = err.get("details")
        details: dict[str, Any] = raw_details if isinstance(raw_details, dict) else {}
        retry_after = _retry_after(resp.headers.get("retry-after"))
        if status in (409, 412):
            raw_refund = details.get("refund")
            refund = raw_refund if isinstance(raw_refund, dict) else None
            return Conflict(code, message, status, refund, _small(details))
        if status == 410:
            return Conflict(code or "cursor_expired", message, status)
        if status == 401:
            return Fatal("unauthenticated", "the platform did not accept the token (signed out or expired)", 401)
        if status == 403:
            return Fatal("forbidden", message or "your role may not do this", 403)
        if status == 429:
            return Retryable(message or "rate limited", 429, retry_after)
        if status == 503 and code == "maintenance":
            self.announcement = message
            return Retryable(message, 503, retry_after, announcement=message)
        if status >= 500 or status == 408:
            return Retryable(f"platform error {status}", status, retry_after)
        raw_fields = details.get("fields")
        fields: dict[str, Any] = raw_fields if isinstance(raw_fields, dict) else {}
        return Invalid(code, message, status, fields, _small(details))


def _small(details: Any) -> dict[str, Any]:
    """An error's details without the refund document (kept apart) and without anything large."""
    if not isinstance(details, dict):
        return {}
    return {k: v for k, v in details.items() if k != "refund" and isinstance(k, str)
            and (v is None or isinstance(v, bool | int | float) or isinstance(v, str) and len(v) <= 500)}


def _unsafe(value: Any) -> Invalid | None:
    """Ids go into a URL path: anything that could change the path is refused, as an outcome."""
    if isinstance(value, str) and is_safe_id(value):
        return None
    return Invalid(UNSAFE_ID, f"not a safe id to send: {visible(str(value))!r}", 0)


def _read_capped(resp: httpx.Response, limit: int) -> bytes | None:
    """The (decoded) body, or None once it passes `limit` bytes: nothing more is read or kept."""
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _loads(body: bytes) -> Any:
    """JSON, with nesting too deep for the parser reported as the ValueError it is."""
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _oversized(status: int, limit: int) -> Outcome:
    return Invalid("too_large", f"the platform's answer is over the {limit // 1024**2} MB limit", status)




def _key_header(key: str) -> dict[str, str]:
    if not key or len(key) > MAX_KEY_CHARS:
        raise ValueError("idempotency key must be 1–255 characters")
    return {"Idempotency-Key": key}


def _write_headers(key: str, version: int) -> dict[str, str]:
    return {**_key_header(key), "If-Match": f'"{int(version)}"'}


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = parse_http_date(value)
    if when is None:
        return None
    return max(0.0, (when - local_now_ms()) / 1000)


def _network_outcome(e: httpx.HTTPError) -> Outcome:
    if isinstance(e, httpx.TimeoutException) and str(e).startswith(_TOO_SLOW):
        return Retryable(f"the platform answers too slowly ({str(e)[len(_TOO_SLOW):].strip()})")
    if isinstance(e, httpx.ConnectError) and "CERTIFICATE" in str(e).upper():
        return Fatal("tls", "the platform's TLS certificate could not be verified")
    if isinstance(e, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return Fatal("bad_url", str(e)[:300])
    return Retryable(f"network: {type(e).__name__}")
