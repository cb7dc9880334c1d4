"""The HTTP client for the Platform Merchant API v1 (see shared/platform-api.md).

Every call returns an Outcome value instead of raising; HTTP and network trouble are classified
here and nowhere else. The token is sent as a header and never appears in a repr, a log line or
an error message.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..core.clock import ServerClock, TimeFormatError, local_now_ms, parse_http_date, parse_rfc3339
from .outcomes import Conflict, Fatal, Invalid, Ok, Outcome, Retryable

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_EVIDENCE_BYTES = 64 * 1024**2
MAX_KEY_CHARS = 255


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


class PlatformClient:
    def __init__(self, url: str, token: str, *, clock: ServerClock | None = None,
                 timeout: httpx.Timeout | float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None,
                 user_agent: str = "MerchantConsole") -> None:
        self.url = check_platform_url(url)
        if not token or any(c in token for c in "\r\n"):
            raise ValueError("the platform token is empty or malformed")
        self.clock = clock or ServerClock()
        self.announcement: str | None = None
        self._http = httpx.Client(
            base_url=self.url + API_PREFIX, timeout=timeout, transport=transport, verify=True,
            headers={"Authorization": f"Bearer {token}", "User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=False)

    def __repr__(self) -> str:  # never the token
        return f"PlatformClient({self.url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- endpoints -------------------------------------------------------------------------

    def me(self) -> Outcome:
        out = self._call("GET", "/me")
        if isinstance(out, Ok) and isinstance(out.value, dict):
            try:
                server_ms = parse_rfc3339(out.value.get("server_time"))
            except TimeFormatError:
                server_ms = None
            if server_ms is not None:
                self.clock.observe(server_ms, *self._last_times)
        return out

    def changes(self, cursor: str, *, limit: int = 500, wait: int = 0, timeout_extra_s: float = 15.0) -> Outcome:
        params = {"cursor": cursor, "limit": limit, "wait": wait}
        timeout = httpx.Timeout(wait + timeout_extra_s, connect=10.0) if wait else None
        return self._call("GET", "/refunds/changes", params=params, timeout=timeout)

    def refund(self, refund_id: str) -> Outcome:
        return self._call("GET", f"/refunds/{_seg(refund_id)}")

    def decide(self, refund_id: str, body: dict, *, idempotency_key: str, if_match: int) -> Outcome:
        return self._call("POST", f"/refunds/{_seg(refund_id)}/decision", json_body=body,
                          headers=_write_headers(idempotency_key, if_match))

    def statement(self, refund_id: str, body: dict, *, idempotency_key: str, if_match: int) -> Outcome:
        return self._call("POST", f"/refunds/{_seg(refund_id)}/statement", json_body=body,
                          headers=_write_headers(idempotency_key, if_match))

    def upload_evidence(self, data: bytes, content_type: str) -> Outcome:
        return self._call("POST", "/merchant-evidence", content=data, headers={"Content-Type": content_type})

    def reason_codes(self) -> Outcome:
        return self._call("GET", "/reason-codes")

    def evidence(self, evidence_id: str, *, max_bytes: int = MAX_EVIDENCE_BYTES) -> Outcome:
        """The bytes of one evidence file (Ok.value: bytes), refusing anything over `max_bytes`."""
        try:
            sent = self.clock.local_ms()
            with self._http.stream("GET", f"/evidence/{_seg(evidence_id)}") as resp:
                self._observe_date(resp, sent)
                if resp.status_code != 200:
                    resp.read()
                    return self._classify(resp)
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return Invalid("too_large", f"evidence is {declared} bytes, over the {max_bytes}-byte limit", 200)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        return Invalid("too_large", f"evidence is over the {max_bytes}-byte limit", 200)
                    chunks.append(chunk)
                return Ok(b"".join(chunks), 200, {k.lower(): v for k, v in resp.headers.items()})
        except httpx.HTTPError as e:
            return _network_outcome(e)

    # --- machinery -------------------------------------------------------------------------

    _last_times: tuple[int, int] = (0, 0)

    def _call(self, method: str, path: str, *, params=None, json_body: Any = None, content: bytes | None = None,
              headers: dict | None = None, timeout=None) -> Outcome:
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
            resp = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as e:
            return _network_outcome(e)
        self._observe_date(resp, sent)
        if 200 <= resp.status_code < 300:
            self.announcement = None
            try:
                value = resp.json()
            except ValueError:
                return Retryable("the platform sent a response that is not JSON", resp.status_code)
            return Ok(value, resp.status_code, {k.lower(): v for k, v in resp.headers.items()})
        return self._classify(resp)

    def _observe_date(self, resp: httpx.Response, sent: int) -> None:
        received = self.clock.local_ms()
        self._last_times = (sent, received)
        server_ms = parse_http_date(resp.headers.get("date", ""))
        if server_ms is not None:
            # the Date header has one-second precision: only correct the offset when it is clearly off
            self.clock.observe_coarse(server_ms, sent, received, precision_ms=1000)

    def _classify(self, resp: httpx.Response) -> Outcome:
        status = resp.status_code
        try:
            err = resp.json().get("error") or {}
            if not isinstance(err, dict):
                err = {}
        except (ValueError, AttributeError):
            err = {}
        code = str(err.get("code") or f"http_{status}")[:64]
        message = str(err.get("message") or resp.reason_phrase or "")[:2000]
        details = err.get("details") if isinstance(err.get("details"), dict) else {}
        retry_after = _retry_after(resp.headers.get("retry-after"))
        if status in (409, 412):
            refund = details.get("refund") if isinstance(details.get("refund"), dict) else None
            return Conflict(code, message, status, refund)
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
        fields = details.get("fields") if isinstance(details.get("fields"), dict) else {}
        return Invalid(code, message, status, fields)


def _seg(value: str) -> str:
    """Ids go into a URL path: refuse anything that could change the path."""
    if not value or any(c in value for c in "/?#%\\") or value in (".", ".."):
        raise ValueError(f"not a valid id: {value!r}")
    return value


def _write_headers(key: str, version: int) -> dict[str, str]:
    if not key or len(key) > MAX_KEY_CHARS:
        raise ValueError("idempotency key must be 1–255 characters")
    return {"Idempotency-Key": key, "If-Match": f'"{int(version)}"'}


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
    if isinstance(e, httpx.ConnectError) and "CERTIFICATE" in str(e).upper():
        return Fatal("tls", "the platform's TLS certificate could not be verified")
    if isinstance(e, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return Fatal("bad_url", str(e)[:300])
    return Retryable(f"network: {type(e).__name__}")
