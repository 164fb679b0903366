#!/bin/sh
# Creates the virtual environment and installs guanjia with its test tools.
# On a fresh Debian, python3 has no venv module until python3-venv is installed.
set -eu
VENV=${1:-.venv}
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  echo "需要 Python 3.11 或更新版本（当前：$("$PYTHON" --version 2>&1)）。" >&2
  exit 2
fi
if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "安装 python3-venv ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  else
    echo "缺少 Python 的 venv 模块：请先安装 python3-venv（sudo apt-get install python3-venv）。" >&2
    exit 2
  fi
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
# byte-compile as an installed package would be: every start-up (guanjia --help, each CI step) then skips
# compiling the sources, also where PYTHONDONTWRITEBYTECODE is set
"$VENV/bin/python" -m compileall -q tools/guanjia
