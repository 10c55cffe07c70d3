# One image for every app container (each service, the gateway, the seed); docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# Dev dependencies are needed for the build (TypeScript, turbo), so NODE_ENV=production is set only after it.
RUN npm ci --no-audit --no-fund && npm run build
ENV NODE_ENV=production
USER node
