#!/usr/bin/env bash
# Refreshes the dashboard screenshots in this folder: builds the browser tests and runs their screenshot test, which
# starts a real `hive run`, logs in with Debian's Chromium (headless) and saves a PNG of each main page here.
# CI=true makes a missing browser fail the run instead of skipping the test (`apt-get install chromium`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
dotnet build test/Hive.Dashboard.Tests -c Release -nologo -v quiet
CI=true HIVE_DASHBOARD_SCREENSHOTS="$here" \
  dotnet test test/Hive.Dashboard.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~Browser.ScreenshotTests"
