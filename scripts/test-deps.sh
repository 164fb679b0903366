#!/bin/sh
# Debian packages the tests use for real (no mocks): git and ssh-keygen for the approval chain
# (temporary repositories, SSH-signed commits), faketime to run the CLI at a fixed instant,
# Chromium for the browser tests (driven by Playwright), and a CJK font for legible screenshots.
set -eu
missing=""
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing="$missing fonts-wqy-zenhei"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "测试需要这些 Debian 软件包：$missing（请运行 sudo apt-get install$missing）" >&2
  exit 2
fi
echo "安装测试所需的 Debian 软件包：$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
