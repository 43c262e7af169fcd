"""A stand-in for API Gateway (HTTP API, stage ``clams``) in front of the two handlers.

It behaves as the deployed gateway does: routes come from ``clams.routes.ROUTES``; with
the ``Authorization`` header as identity source, a request without it is answered 401 by
the gateway itself; the REQUEST authorizer's ``isAuthorized: false`` becomes 403; otherwise
its context reaches the API function under ``requestContext.authorizer.lambda``.
"""

from __future__ import annotations

import base64
import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from clams.names import STAGE
from clams.routes import ROUTES, Route

EVENTS = Path(__file__).parent / "events"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class LambdaContext:
    function_name: str = "clams-test-api"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-west-2:123456789012:function:clams-test-api"
    aws_request_id: str = "5f1c5a8e-3b1d-4e7f-9a6c-2d8b7e4f1a30"


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text())


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in ROUTES:
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", route.path)
        found = re.fullmatch(pattern, path)
        if route.method == method and found:
            return route, found.groupdict()
    return None


class Gateway:
    def __init__(self, api: Any, authorizer: Any) -> None:
        self._api = api
        self._authorizer = authorizer
        self.authorizer_calls = 0

    def call(
        self,
        method: str,
        path: str,
        *,
        authorization: str | None = None,
        body: Any = None,
        query: dict[str, str] | None = None,
    ) -> Reply:
        found = match(method, path)
        if found is None:
            return Reply(404, {"message": "Not Found"}, {})
        route, parameters = found
        event = self._event("api_request.json", route, path, parameters, authorization, query)
        if not route.public:
            if authorization is None:
                return Reply(401, {"message": "Unauthorized"}, {})
            decision = self._authorize(route, path, parameters, authorization, query)
            if not decision["isAuthorized"]:
                return Reply(403, {"message": "Forbidden"}, {})
            event["requestContext"]["authorizer"] = {"lambda": decision.get("context", {})}
        else:
            event["requestContext"].pop("authorizer", None)
        if body is not None:
            event["body"] = body if isinstance(body, str) else json.dumps(body)
            event["headers"]["content-type"] = "application/json"
        return self._reply(self._api(event, LambdaContext()))

    def _authorize(
        self,
        route: Route,
        path: str,
        parameters: dict[str, str],
        authorization: str,
        query: dict[str, str] | None,
    ) -> dict[str, Any]:
        self.authorizer_calls += 1
        event = self._event(
            "authorizer_request.json", route, path, parameters, authorization, query
        )
        event["identitySource"] = [authorization]
        event["routeArn"] = event["routeArn"].rsplit("/", 2)[0] + f"/{route.method}{route.path}"
        result: dict[str, Any] = self._authorizer(event, LambdaContext())
        return result

    @staticmethod
    def _event(
        template: str,
        route: Route,
        path: str,
        parameters: dict[str, str],
        authorization: str | None,
        query: dict[str, str] | None,
    ) -> dict[str, Any]:
        event = copy.deepcopy(load_event(template))
        raw_path = f"/{STAGE}{path}"
        event.update(rawPath=raw_path, routeKey=route.key, rawQueryString=urlencode(query or {}))
        if query:
            event["queryStringParameters"] = query
        if parameters:
            event["pathParameters"] = parameters
        event["requestContext"]["routeKey"] = route.key
        event["requestContext"]["http"].update(method=route.method, path=raw_path)
        if authorization is not None:
            event["headers"]["authorization"] = authorization
        return event

    @staticmethod
    def _reply(result: dict[str, Any]) -> Reply:
        text = result.get("body") or ""
        body = json.loads(text) if text else None
        return Reply(int(result["statusCode"]), body, result.get("headers", {}))
