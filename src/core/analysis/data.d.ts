declare module 'us-states' {
  const states: Record<string, string>;
  export default states;
}
