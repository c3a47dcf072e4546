# The API and pages (stateless; run as many replicas as needed). Also runs one-off commands:
# `docker run … migrate` applies migrations once before the replicas start.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# GOV.UK Frontend and Leaflet are fetched with npm and copied into wwwroot during the build.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# ReadyToRun: the replica starts on compiled code, so a restarted or added replica answers sooner
# and does not spend its first minutes of traffic compiling (bench/load runs the same build).
ARG TARGETARCH
RUN dotnet publish src/Brokering.Api/Brokering.Api.csproj -c Release -a ${TARGETARCH:-amd64} --no-self-contained \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER app
EXPOSE 8080
ENV ASPNETCORE_URLS=http://+:8080
ENTRYPOINT ["dotnet", "Brokering.Api.dll"]
