# The `hive` image: one silo of a Hive cluster (`hive silo`, the default command) or any other hive command.
#   docker build -t hive .
#   docker run --rm -e HIVE_POSTGRES=... -e HIVE_API_TOKEN=... hive silo --role live --tag low_latency
# Nothing secret is baked in: the PostgreSQL connection string, the API token and Binance keys come from the
# environment at run time (infra/kubernetes takes them from the Secret `hive-secrets`).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# Node.js and npm: Hive.Dashboard bundles its browser code (lightweight-charts) with esbuild when it builds.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files alone, so that the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props NuGet.config ./
COPY src/Hive/Hive.csproj src/Hive/
COPY src/Hive.Api/Hive.Api.csproj src/Hive.Api/
COPY src/Hive.Binance/Hive.Binance.csproj src/Hive.Binance/
COPY src/Hive.Dashboard/Hive.Dashboard.csproj src/Hive.Dashboard/
COPY src/Hive.Grains/Hive.Grains.csproj src/Hive.Grains/
COPY src/Hive.Lua/Hive.Lua.csproj src/Hive.Lua/
COPY src/Hive.Postgres/Hive.Postgres.csproj src/Hive.Postgres/
COPY src/Hive.Trading/Hive.Trading.csproj src/Hive.Trading/
RUN dotnet restore src/Hive/Hive.csproj
COPY src/ src/
COPY strategies/ strategies/
# The publish command: test/Hive.Cluster.Tests/PublishedSiloTests runs this Dockerfile's COPY and RUN lines in a
# scratch folder and starts the result as the image would.
RUN dotnet publish src/Hive/Hive.csproj -c Release --no-restore -o /app -p:UseAppHost=true

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
# liblua5.4-0: the optimised Lua 5.4 that Lua strategies run on (without it, the unoptimised build KeraLua ships).
RUN apt-get update \
 && apt-get install -y --no-install-recommends liblua5.4-0 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 hive \
 && useradd --system --uid 10001 --gid hive --home-dir /var/lib/hive --create-home hive \
 && ln -s /app/Hive /usr/local/bin/hive
COPY --from=build /app /app
USER hive
WORKDIR /var/lib/hive
# The shipped strategies where hive run and --runners look by default (strategies/runners.yaml under the working folder).
COPY --from=build --chown=hive:hive /src/strategies /var/lib/hive/strategies
# 11111 silo-to-silo, 30000 Orleans clients, 8080 health, metrics and dashboard (HTTP/1.1), 7070 the gRPC API (HTTP/2).
EXPOSE 11111 30000 8080 7070
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["hive", "health", "--url", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["hive"]
CMD ["silo"]
