"""The HTTP API: stage ``clams``, access logs, throttling, the authorizer and every route."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams.names import STAGE, Function
from clams.routes import ROUTES, Route
from components.stack import StackConfig

AUTHORIZATION_HEADER = "$request.header.Authorization"
AUTHORIZER_CACHE_SECONDS = 300
CORS_MAX_AGE = 600
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "requestTime": "$context.requestTime",
    "routeKey": "$context.routeKey",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "integrationError": "$context.integrationErrorMessage",
    "authorizerError": "$context.authorizer.error",
}


@dataclass(frozen=True)
class ApiArgs:
    config: StackConfig
    functions: Mapping[Function, aws.lambda_.Function]
    authorizer: aws.lambda_.Function
    allowed_origins: Sequence[pulumi.Input[str]] = ()
    """Where the front end is served from: browsers there may call the API."""


class HttpApi(pulumi.ComponentResource):
    api: aws.apigatewayv2.Api
    stage: aws.apigatewayv2.Stage

    def __init__(
        self, name: str, args: ApiArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:HttpApi", name, None, opts)
        self._args = args
        self._child = pulumi.ResourceOptions(parent=self)
        self.api = aws.apigatewayv2.Api(
            name,
            name=args.config.physical("api"),
            protocol_type="HTTP",
            description="CLAMS attendees, reports and workshops",
            cors_configuration=aws.apigatewayv2.ApiCorsConfigurationArgs(
                allow_origins=list(args.allowed_origins),
                allow_methods=sorted({route.method for route in ROUTES}),
                allow_headers=["authorization", "content-type"],
                max_age=CORS_MAX_AGE,
            ),
            opts=self._child,
        )
        self.stage = self._stage()
        authorizer = self._authorizer()
        integrations = {fn: self._integration(fn) for fn in sorted({r.function for r in ROUTES})}
        for route in ROUTES:
            self._route(route, integrations[route.function], authorizer)
        self.register_outputs({"url": self.url})

    @property
    def url(self) -> pulumi.Output[str]:
        return self.stage.invoke_url

    def _stage(self) -> aws.apigatewayv2.Stage:
        config = self._args.config
        logs = aws.cloudwatch.LogGroup(
            "access-logs",
            name=f"/aws/apigateway/{config.physical('api')}",
            retention_in_days=config.log_retention_days,
            opts=self._child,
        )
        return aws.apigatewayv2.Stage(
            STAGE,
            api_id=self.api.id,
            name=STAGE,
            auto_deploy=True,
            access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(
                destination_arn=logs.arn, format=json.dumps(ACCESS_LOG_FORMAT)
            ),
            default_route_settings=aws.apigatewayv2.StageDefaultRouteSettingsArgs(
                throttling_burst_limit=config.throttling_burst,
                throttling_rate_limit=config.throttling_rate,
                detailed_metrics_enabled=True,
            ),
            opts=self._child,
        )

    def _authorizer(self) -> aws.apigatewayv2.Authorizer:
        function = self._args.authorizer
        authorizer = aws.apigatewayv2.Authorizer(
            "basic-auth",
            api_id=self.api.id,
            name="basic-auth",
            authorizer_type="REQUEST",
            authorizer_uri=function.invoke_arn,
            authorizer_payload_format_version="2.0",
            enable_simple_responses=True,
            identity_sources=[AUTHORIZATION_HEADER],
            authorizer_result_ttl_in_seconds=AUTHORIZER_CACHE_SECONDS,
            opts=self._child,
        )
        source = pulumi.Output.concat(self.api.execution_arn, "/authorizers/", authorizer.id)
        self._permission("authorizer", function, source)
        return authorizer

    def _integration(self, function: Function) -> aws.apigatewayv2.Integration:
        target = self._args.functions[function]
        self._permission(
            function.value, target, pulumi.Output.concat(self.api.execution_arn, "/*/*")
        )
        return aws.apigatewayv2.Integration(
            function.value,
            api_id=self.api.id,
            integration_type="AWS_PROXY",
            integration_uri=target.invoke_arn,
            payload_format_version="2.0",
            opts=self._child,
        )

    def _permission(
        self, name: str, function: aws.lambda_.Function, source_arn: pulumi.Input[str]
    ) -> None:
        aws.lambda_.Permission(
            f"api-invokes-{name}",
            action="lambda:InvokeFunction",
            function=function.name,
            principal="apigateway.amazonaws.com",
            source_arn=source_arn,
            opts=self._child,
        )

    def _route(
        self,
        route: Route,
        integration: aws.apigatewayv2.Integration,
        authorizer: aws.apigatewayv2.Authorizer,
    ) -> None:
        aws.apigatewayv2.Route(
            route.key,
            api_id=self.api.id,
            route_key=route.key,
            target=pulumi.Output.concat("integrations/", integration.id),
            authorization_type="NONE" if route.public else "CUSTOM",
            authorizer_id=None if route.public else authorizer.id,
            opts=self._child,
        )
