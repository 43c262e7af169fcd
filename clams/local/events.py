"""API Gateway HTTP API (payload 2.0) events from HTTP requests, and replies from results."""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import parse_qsl

from clams.local.emulator import ACCOUNT

LOCAL_API_ID: Final = "local"
TEXT_TYPES: Final = ("text/", "application/json", "application/x-www-form-urlencoded", "+json")


@dataclass(frozen=True)
class HttpRequest:
    method: str
    raw_path: str
    raw_query: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    source_ip: str = "127.0.0.1"

    def header(self, name: str) -> str | None:
        return self.lowered_headers().get(name.lower())

    def lowered_headers(self) -> dict[str, str]:
        """Header names lower-cased, repeated headers joined with commas, as API Gateway does."""
        merged: dict[str, str] = {}
        for name, value in self.headers:
            key = name.lower()
            merged[key] = f"{merged[key]},{value}" if key in merged else value
        return merged


@dataclass(frozen=True)
class HttpReply:
    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass(frozen=True)
class Invocation:
    """Where a request goes: the route key, the stage, and the path parameters it matched."""

    route_key: str
    stage: str
    path_parameters: dict[str, str] = field(default_factory=dict)
    region: str = "eu-west-2"


def http_event(
    request: HttpRequest, target: Invocation, authorizer: dict[str, Any] | None
) -> dict[str, Any]:
    event = _common(request, target)
    if authorizer is not None:
        event["requestContext"]["authorizer"] = {"lambda": authorizer}
    body = request.body
    if body:
        text = _is_text(request.header("content-type")) and _is_utf8(body)
        event["body"] = body.decode("utf-8") if text else base64.b64encode(body).decode()
        event["isBase64Encoded"] = not text
    else:
        event["isBase64Encoded"] = False
    return event


def _is_utf8(body: bytes) -> bool:
    """Bytes that are not UTF-8 travel base64-encoded, whatever their content type says."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def authorizer_event(
    request: HttpRequest, target: Invocation, identity: list[str]
) -> dict[str, Any]:
    """A REQUEST authorizer event (payload 2.0)."""
    event = _common(request, target)
    method, _, path = target.route_key.partition(" ")
    arn = (
        f"arn:aws:execute-api:{target.region}:{ACCOUNT}:{LOCAL_API_ID}/{target.stage or '$default'}"
    )
    event.update(type="REQUEST", routeArn=f"{arn}/{method}{path}", identitySource=identity)
    return event


def identity_values(request: HttpRequest, sources: tuple[str, ...]) -> list[str] | None:
    """The values of the authorizer's identity sources; None when one is missing."""
    query = dict(parse_qsl(request.raw_query, keep_blank_values=True))
    values = []
    for source in sources:
        kind, _, name = source.removeprefix("$request.").partition(".")
        value = request.header(name) if kind == "header" else query.get(name)
        if not value:
            return None
        values.append(value)
    return values


def _common(request: HttpRequest, target: Invocation) -> dict[str, Any]:
    headers = request.lowered_headers()
    cookies = headers.pop("cookie", None)
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": target.route_key,
        "rawPath": request.raw_path,
        "rawQueryString": request.raw_query,
        "headers": headers,
        "requestContext": _request_context(request, target, headers),
    }
    if cookies:
        event["cookies"] = [c.strip() for c in cookies.split(";") if c.strip()]
    query = _query_parameters(request.raw_query)
    if query:
        event["queryStringParameters"] = query
    if target.path_parameters:
        event["pathParameters"] = dict(target.path_parameters)
    return event


def _request_context(
    request: HttpRequest, target: Invocation, headers: dict[str, str]
) -> dict[str, Any]:
    now = datetime.now(UTC)
    host = headers.get("host", "127.0.0.1")
    return {
        "accountId": ACCOUNT,
        "apiId": LOCAL_API_ID,
        "domainName": host,
        "domainPrefix": host.split(".")[0],
        "http": {
            "method": request.method,
            "path": request.raw_path,
            "protocol": "HTTP/1.1",
            "sourceIp": request.source_ip,
            "userAgent": headers.get("user-agent", ""),
        },
        "requestId": str(uuid.uuid4()),
        "routeKey": target.route_key,
        "stage": target.stage or "$default",
        "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
        "timeEpoch": int(time.time() * 1000),
    }


def _query_parameters(raw_query: str) -> dict[str, str]:
    """Repeated parameters joined with commas, as payload 2.0 has them."""
    merged: dict[str, str] = {}
    for name, value in parse_qsl(raw_query, keep_blank_values=True):
        merged[name] = f"{merged[name]},{value}" if name in merged else value
    return merged


def _is_text(content_type: str | None) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return not kind or any(kind.startswith(t) or kind.endswith(t) for t in TEXT_TYPES)


def is_authorized(response: Any, simple: bool) -> bool:
    """The authorizer's verdict: a simple response, or an IAM policy that allows."""
    if not isinstance(response, dict):
        return False
    if simple:
        return response.get("isAuthorized") is True
    statements = (response.get("policyDocument") or {}).get("Statement") or []
    effects = {str(s.get("Effect", "")).lower() for s in statements if isinstance(s, dict)}
    return "allow" in effects and "deny" not in effects


def authorizer_context(response: Any) -> dict[str, Any]:
    context = response.get("context") if isinstance(response, dict) else None
    return dict(context) if isinstance(context, dict) else {}


def reply_from_result(result: Any) -> HttpReply:
    """Turn a handler's result into the HTTP reply, as API Gateway does for payload 2.0."""
    if not (isinstance(result, dict) and "statusCode" in result):
        text = result if isinstance(result, str) else json.dumps(result)
        return HttpReply(200, (("content-type", "application/json"),), text.encode())
    headers = [(str(k), str(v)) for k, v in (result.get("headers") or {}).items()]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers += [(str(name), str(v)) for v in values]
    headers += [("set-cookie", str(c)) for c in result.get("cookies") or []]
    raw = result.get("body") or ""
    body = base64.b64decode(raw) if result.get("isBase64Encoded") else str(raw).encode()
    return HttpReply(int(result["statusCode"]), tuple(headers), body)


def message_reply(status: int, message: str) -> HttpReply:
    body = json.dumps({"message": message}).encode()
    return HttpReply(status, (("content-type", "application/json"),), body)
