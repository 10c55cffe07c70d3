# One image for every app container (each service, the gateway, the seed); docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# Dev dependencies are needed for the build (TypeScript, turbo), so NODE_ENV=production is set only after it.
# npm install, not npm ci: the lock file lacks other platforms' optional packages, which npm ci refuses
# (npm/cli#4828); npm install still installs the locked versions.
RUN npm install --no-audit --no-fund && npm run build
ENV NODE_ENV=production
USER node
