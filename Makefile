# guanjia：README 里的两条命令。make site 生成网站，make test 运行全部测试。
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1   # Material 9.7+ prints a banner about MkDocs 2 on every build

.PHONY: site serve test bench clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	PYTHON=$(PYTHON) sh scripts/bootstrap.sh $(VENV)
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/guanjia validate
	$(BIN)/mkdocs build --strict --quiet
	@echo
	@echo "网站已生成在 site/ 目录：用浏览器打开 site/index.html 即可浏览（站内搜索也能用），"
	@echo "也可以把整个 site/ 目录复制到内网共享目录；边改记录边看效果请运行 make serve"

serve: $(STAMP)
	$(BIN)/guanjia serve

test: $(STAMP)
	sh scripts/test-deps.sh
	$(BIN)/guanjia schema --check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'check-jsonschema>=0.28,<1'
	$(BIN)/python bench/run.py --write docs/benchmarks.md

clean:
	rm -rf site $(VENV) .pytest_cache
