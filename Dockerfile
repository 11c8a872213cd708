# syntax=docker/dockerfile:1
# Two images from one build (docs/deploy.md):
#   docker build -t codex-cloud-agent .             the reference agent image (the default, last stage):
#                                                   the built-in agents, speaking the agent protocol
#   docker build --target app -t codex-cloud .     the API and the worker (deploy/)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY activities activities
COPY agents agents
COPY api api
COPY config config
COPY db db
COPY executors executors
COPY lib lib
COPY repositories repositories
COPY workers workers
COPY workflows workflows
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# The agents use three of the project's packages: install just those, at their locked versions.
FROM ${NODE_IMAGE} AS agent-deps
WORKDIR /deps
COPY package-lock.json ./
RUN node -e "const lock = require('./package-lock.json'); \
      const pick = (name) => [name, lock.packages['node_modules/' + name].version]; \
      require('fs').writeFileSync('package.json', JSON.stringify({ private: true, dependencies: Object.fromEntries(['pino', 'zod', '@vscode/tree-sitter-wasm'].map(pick)) }));" \
    && rm package-lock.json \
    && npm install --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
# The analysis worker (repository visualizations) runs the git CLI.
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist dist
USER 1000:1000
EXPOSE 8080
CMD ["node", "dist/api/server.js"]

FROM ${NODE_IMAGE} AS agent
ENV NODE_ENV=production
# Agents on a repository checkout read it and hand back their patch with the git CLI; the init
# containers that clone the repository run this image too.
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=agent-deps /deps/node_modules node_modules
COPY --from=build /src/dist/agents dist/agents
COPY --from=build /src/dist/lib/logger.js dist/lib/logger.js
COPY --from=build /src/dist/repositories/git.js dist/repositories/git.js
# A numeric user, so Kubernetes can verify runAsNonRoot (the Job runs it as 1000 too).
USER 1000:1000
# The executor adds `--spec /var/run/codex-agent/spec.json`; without it the agent reads the spec from stdin.
ENTRYPOINT ["node", "dist/agents/main.js"]
