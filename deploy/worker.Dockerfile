# The worker: notification dispatch, check and concern sweeps, closing past offers, Stripe. Any number of
# replicas may run; they share work through the database (FOR UPDATE SKIP LOCKED, concurrency tokens).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: the replica starts on compiled code, so a restarted or added replica answers sooner
# and does not spend its first minutes of traffic compiling (bench/load runs the same build).
ARG TARGETARCH
RUN dotnet publish src/Brokering.Worker/Brokering.Worker.csproj -c Release -a ${TARGETARCH:-amd64} --no-self-contained \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["dotnet", "Brokering.Worker.dll"]
