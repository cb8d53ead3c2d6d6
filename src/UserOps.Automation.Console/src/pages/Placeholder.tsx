export function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <div className="page">
      <header className="page-header"><h1>{title}</h1></header>
      <div className="empty"><span className="badge badge-next">Next</span><p>{text}</p></div>
    </div>
  );
}
