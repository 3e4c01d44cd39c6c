# Build with the SDK, run on the small ASP.NET runtime image (the Telegram webhook uses Kestrel).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ChatAssistant.Dialogs/ChatAssistant.Dialogs.csproj src/ChatAssistant.Dialogs/
COPY src/ChatAssistant/ChatAssistant.csproj src/ChatAssistant/
# src's own settings add the banned-API analyzer, a package the restore below must fetch.
COPY src/Directory.Build.props src/BannedSymbols.txt src/
# Restore exactly what publish builds (the runtime and ReadyToRun's compiler), so publish can skip restoring:
# a restore without them makes publish fail with NETSDK1094.
RUN dotnet restore src/ChatAssistant/ChatAssistant.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/ src/
# ReadyToRun: the first dialog load at start-up is mostly JIT (243 ms cold, 125-186 ms precompiled).
RUN dotnet publish src/ChatAssistant/ChatAssistant.csproj -c Release --no-restore -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY dialogs/ ./dialogs/
# The database: SQLite by default, a file on the /data volume so that conversations survive a new image. For several
# replicas on PostgreSQL set Storage__Provider=Postgres and Storage__ConnectionString (README: "Several replicas on
# PostgreSQL"); Npgsql is managed code and needs nothing more in the image, and /data is then left unused (the
# console's cookie keys are in the database too).
ENV Storage__Provider=Sqlite \
    Storage__Path=/data/chatassistant.db \
    Dialogs__Path=/app/dialogs
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
# The image's built-in non-root user.
USER app
# Unhealthy when the database stops answering, or when an enabled channel had no successful call for
# Health:MaxSilence (5 minutes; the worker calls each channel at least once a minute). The first minute is start-up.
HEALTHCHECK --interval=30s --timeout=10s --start-period=1m --retries=3 CMD ["dotnet", "/app/ChatAssistant.dll", "health"]
ENTRYPOINT ["dotnet", "/app/ChatAssistant.dll"]
