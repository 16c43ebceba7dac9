/** The API explorer at /graphiql: GraphiQL bundled locally (no CDN), talking to /graphql. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

const fetcher = createGraphiQLFetcher({ url: '/graphql' });

const defaultQuery = `# 县级救助项目平台 GraphQL API — County aid platform API
# Sign in with the login mutation, then put the token in the Headers tab:
#   { "Authorization": "Bearer <token>" }

mutation SignIn {
  login(username: "designer", password: "demo-2026-aid") {
    token
    user { displayName roles { role roleTitle regionCode } }
  }
}

query Townships {
  regions(parentCode: "130636000000") { code name level }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultEditorToolsVisibility="headers" />
  </StrictMode>,
);
