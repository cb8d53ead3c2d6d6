import {
  applyEdgeChanges, applyNodeChanges, Background, BackgroundVariant, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider,
  useReactFlow, type Connection as FlowConnection, type Edge, type EdgeChange, type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react';
import { api, ApiError } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useToasts } from '../components/Toasts';
import { useCan } from '../session';
import { number, percent } from '../format';
import { createHistory, historyReducer } from '../lib/history';
import { href, navigate } from '../router';
import type { ActivityDescriptor, SimulationResult, VersionInfo, WorkflowDocument, WorkflowProblem, WorkflowStats } from '../types';
import { ActivityNode, NODE_WIDTH, type ActivityFlowNode } from './ActivityNode';
import { CatalogContext, summarize, type Catalog } from './catalog';
import {
  addActivity, autoLayout, connect, followPortRenames, connectionKey, copySelection, paste, portsOf, positionOf, pruneDanglingPorts, removeActivities,
  removeConnections, renameActivity, setInput, setPositions, toJson, parseWorkflow, type Clip,
} from './document';
import { DRAG_TYPE, Palette } from './Palette';
import { Properties } from './Properties';
import { SimulatePanel } from './SimulatePanel';
import { highlight } from './simulation';
import { VersionsPanel } from './VersionsPanel';
import { LaunchControl } from './LaunchControl';
import { keepMeasured } from './redraw';
import { statsByActivity } from './stats';

const nodeTypes = { activity: ActivityNode };
let clipboard: Clip | null = null;

export function Designer({ definitionId }: { definitionId: string }) {
  return <ReactFlowProvider><DesignerInner definitionId={definitionId} /></ReactFlowProvider>;
}

const EMPTY: WorkflowDocument = { definitionId: '', name: '', root: { activities: [], connections: [] } };

function DesignerInner({ definitionId }: { definitionId: string }) {
  const toasts = useToasts();
  // Controls the operator's role cannot use are left out; the host refuses them anyway.
  const canSave = useCan('saveDraft');
  const canPublish = useCan('publish');
  const flow = useReactFlow();
  const [catalog, setCatalog] = useState<Omit<Catalog, 'timeZone'> | null>(null);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [history, dispatch] = useReducer(historyReducer<WorkflowDocument>, EMPTY, createHistory);
  const doc = history.present;
  const [saved, setSaved] = useState<WorkflowDocument | null>(null);
  const [problems, setProblems] = useState<WorkflowProblem[]>([]);
  const [validating, setValidating] = useState(false);
  // The document the shown problems are about: until it is the current one, the verdict is pending (aria-busy).
  const [validated, setValidated] = useState<WorkflowDocument | null>(null);
  const [stats, setStats] = useState<WorkflowStats | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [showProblems, setShowProblems] = useState(true);
  const [showSimulate, setShowSimulate] = useState(false);
  const [simulation, setSimulation] = useState<SimulationResult | null>(null);
  const [nodes, setNodes] = useState<ActivityFlowNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const pendingSelection = useRef<Set<string> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const loaded = saved !== null;
  const dirty = loaded && doc !== saved;
  const published = versions.some(v => v.status === 'Published');
  const latest = versions[versions.length - 1];

  const docRef = useRef(doc);
  docRef.current = doc;
  const edit = useCallback((next: WorkflowDocument, coalesce?: string) => dispatch({ type: 'edit', doc: next, coalesce }), []);

  // Load the palette and pickers, then the latest version.
  useEffect(() => {
    let live = true;
    Promise.all([api.activities(), api.segments(), api.rules(), api.templates()]).then(
      ([activities, segments, rules, templates]) => live && setCatalog({ descriptors: new Map(activities.map(a => [a.type, a])), segments, rules, templates }),
      e => toasts.error(e, 'Loading the palette'));
    return () => { live = false; };
  }, [toasts]);

  // Fit the flow; a tall one would shrink to unreadable, so then start at a readable zoom from the trigger down.
  // Bounds come from the document, not from measured nodes, so this works before React Flow has measured them.
  const frame = useCallback((target?: WorkflowDocument) => {
    const activities = (target ?? docRef.current).root.activities;
    const pane = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!pane || activities.length === 0) return;
    const xs = activities.map(a => positionOf(a).x);
    const ys = activities.map(a => positionOf(a).y);
    const minX = Math.min(...xs); const maxX = Math.max(...xs) + NODE_WIDTH;
    const minY = Math.min(...ys); const maxY = Math.max(...ys) + 90;
    const fit = Math.min(1, (pane.width - 80) / (maxX - minX), (pane.height - 80) / (maxY - minY));
    const zoom = Math.max(fit, 0.8);
    const x = pane.width / 2 - ((minX + maxX) / 2) * zoom;
    const y = fit >= 0.8 ? pane.height / 2 - ((minY + maxY) / 2) * zoom : 32 - minY * zoom;
    void flow.setViewport({ x, y, zoom }, { duration: 200 });
  }, [flow]);

  // Loads replace the document: only the last one asked for may land, or a slow answer would undo what came after it.
  const loading = useRef(0);
  const openVersion = useCallback(async (version?: number) => {
    const ticket = ++loading.current;
    try {
      const list = await api.versions(definitionId);
      const v = version ?? list[list.length - 1].version;
      const next = parseWorkflow(await api.exportVersion(definitionId, v));
      if (ticket !== loading.current) return;
      setVersions(list);
      dispatch({ type: 'reset', doc: next });
      setSaved(next);
      pendingSelection.current = new Set();
      framed.current = false;
    } catch (e) { setLoadError(e instanceof ApiError && e.status === 404 ? `There is no workflow '${definitionId}'.` : 'The workflow could not be loaded.'); toasts.error(e, `Loading ${definitionId}`); }
  }, [definitionId, toasts]);
  // Once per workflow opened: React Flow's helpers (useReactFlow) change identity once its pane mounts, and a second load
  // landing late would reset the canvas under the operator's first edits.
  useEffect(() => { void openVersion(); }, [openVersion]);
  const framed = useRef(false);
  const ready = catalog !== null && saved !== null;
  useEffect(() => {
    if (!ready || framed.current) return;
    framed.current = true;
    setTimeout(() => frame(), 30);
  }, [ready, saved, frame]);

  // Validate as the operator edits (debounced); the host is the judge, the canvas only shows its verdict.
  useEffect(() => {
    if (!loaded) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setValidating(true);
      api.validate(doc, controller.signal).then(
        p => { setProblems(p); setValidating(false); setValidated(doc); },
        e => { if (!controller.signal.aborted) { setValidating(false); setValidated(doc); toasts.error(e, 'Validation'); } });
    }, 450);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [doc, loaded, toasts]);

  // A simulation is of the document as it was: an edit makes it stale.
  useEffect(() => { setSimulation(null); }, [doc]);
  const taken = useMemo(() => (showSimulate ? highlight(simulation) : null), [showSimulate, simulation]);

  // Live counts while a version is published.
  useEffect(() => {
    if (!published) { setStats(null); return; }
    let live = true;
    const load = () => api.stats(definitionId).then(s => live && setStats(s), e => live && toasts.error(e, 'Live counts'));
    void load();
    const timer = setInterval(load, 15000);
    return () => { live = false; clearInterval(timer); };
  }, [published, definitionId, toasts]);

  const descriptors = useMemo(() => catalog?.descriptors ?? new Map<string, ActivityDescriptor>(), [catalog]);
  const fullCatalog: Catalog = useMemo(() => ({ ...(catalog ?? { descriptors: new Map(), segments: [], rules: [], templates: [] }), timeZone: doc.settings?.timeZone ?? 'UTC' }), [catalog, doc.settings?.timeZone]);

  // Draw the canvas from the document, keeping what React Flow owns (selection) across redraws.
  useEffect(() => {
    const byActivity = new Map<string, string[]>();
    for (const p of problems) if (p.activityId) byActivity.set(p.activityId, [...(byActivity.get(p.activityId) ?? []), p.message]);
    const statsOf = statsByActivity(stats, doc.root.activities.filter(a => descriptors.get(a.type)?.kind === 'Trigger').map(a => a.id));
    const select = pendingSelection.current;
    pendingSelection.current = null;
    setNodes(previous => {
      const wasSelected = new Set(previous.filter(n => n.selected).map(n => n.id));
      return keepMeasured(previous, doc.root.activities.map(a => ({
        id: a.id, type: 'activity' as const, position: positionOf(a), className: taken?.nodes.has(a.id) ? 'sim-taken' : undefined,
        selected: select ? select.has(a.id) : wasSelected.has(a.id),
        data: {
          activity: a, descriptor: descriptors.get(a.type), ports: portsOf(a, descriptors.get(a.type)),
          summary: summarize(a, fullCatalog), problems: byActivity.get(a.id) ?? [], stats: statsOf.get(a.id), live: published,
        },
      })));
    });
    setEdges(previous => {
      const wasSelected = new Set(previous.filter(e => e.selected).map(e => e.id));
      return doc.root.connections.map(c => {
        const id = connectionKey(c);
        return {
          id, source: c.source.activity, sourceHandle: c.source.port ?? 'Done', target: c.target.activity, targetHandle: 'In',
          type: 'smoothstep', selected: wasSelected.has(id), markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          className: taken?.edges.has(id) ? 'sim-taken' : undefined,
        } satisfies Edge;
      });
    });
  }, [doc, problems, stats, descriptors, fullCatalog, published, taken]);

  const selectedIds = useMemo(() => new Set(nodes.filter(n => n.selected).map(n => n.id)), [nodes]);
  const selected = selectedIds.size === 1 ? doc.root.activities.find(a => selectedIds.has(a.id)) : undefined;

  const onNodesChange = useCallback((changes: NodeChange<ActivityFlowNode>[]) => setNodes(ns => applyNodeChanges(changes.filter(c => c.type !== 'remove'), ns)), []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges(es => applyEdgeChanges(changes.filter(c => c.type !== 'remove'), es)), []);

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: ActivityFlowNode[]; edges: Edge[] }) => {
    let next = doc;
    if (es.length) next = removeConnections(next, new Set(es.map(e => e.id)));
    if (ns.length) next = removeActivities(next, new Set(ns.map(n => n.id)));
    edit(next);
  }, [doc, edit]);

  const deleteSelection = () => edit(removeActivities(doc, selectedIds));

  const onConnect = useCallback((c: FlowConnection) => {
    if (c.source && c.target && c.sourceHandle) edit(connect(doc, c.source, c.sourceHandle, c.target));
  }, [doc, edit]);

  const onNodeDragStop = useCallback((_: unknown, __: unknown, dragged: ActivityFlowNode[]) => {
    const before = new Map(doc.root.activities.map(a => [a.id, positionOf(a)]));
    const moved = dragged.filter(n => { const p = before.get(n.id); return !p || Math.round(p.x) !== Math.round(n.position.x) || Math.round(p.y) !== Math.round(n.position.y); });
    if (moved.length === 0) return; // a click, not a move: no history entry, no unsaved change
    edit(setPositions(doc, Object.fromEntries(moved.map(n => [n.id, n.position]))));
  }, [doc, edit]);

  const add = useCallback((type: string, position?: { x: number; y: number }) => {
    const anchor = selected ? positionOf(selected) : null;
    const at = position ?? (anchor ? { x: anchor.x, y: anchor.y + 150 } : flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }));
    let { doc: next, id } = addActivity(doc, type, at);
    // Dropped under a selected activity with a free port: connect it, the common case when building top-down.
    if (selected && !position) {
      const used = new Set(doc.root.connections.filter(c => c.source.activity === selected.id).map(c => c.source.port ?? 'Done'));
      const free = portsOf(selected, descriptors.get(selected.type)).find(p => !used.has(p));
      if (free && descriptors.get(type)?.kind !== 'Trigger') next = connect(next, selected.id, free, id);
    }
    pendingSelection.current = new Set([id]);
    edit(next);
  }, [doc, edit, flow, selected, descriptors]);

  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(DRAG_TYPE);
    if (!type) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    add(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 30 });
  };

  const layout = () => { edit(autoLayout(doc, descriptors)); setTimeout(() => frame(), 30); };

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Keyboard: undo/redo, copy/paste, select all — not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('input, textarea, select, [contenteditable="true"]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) { e.preventDefault(); dispatch({ type: 'undo' }); }
      else if ((k === 'z' && e.shiftKey) || k === 'y') { e.preventDefault(); dispatch({ type: 'redo' }); }
      else if (k === 'c' && selectedIds.size) { clipboard = copySelection(doc, selectedIds); toasts.info(`Copied ${selectedIds.size} ${selectedIds.size === 1 ? 'activity' : 'activities'}`); }
      else if (k === 'v' && clipboard) { e.preventDefault(); const r = paste(doc, clipboard); pendingSelection.current = new Set(r.ids); edit(r.doc); }
      else if (k === 'a') { e.preventDefault(); setNodes(ns => ns.map(n => ({ ...n, selected: true }))); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doc, selectedIds, edit, toasts]);

  const onInput = (id: string, name: string, value: unknown, coalesce?: boolean) => {
    const activity = doc.root.activities.find(a => a.id === id);
    let next = setInput(doc, id, name, value);
    const changed = next.root.activities.find(a => a.id === id);
    if (activity && changed) next = followPortRenames(next, id, portsOf(activity, descriptors.get(activity.type)), portsOf(changed, descriptors.get(changed.type)));
    edit(pruneDanglingPorts(next, descriptors), coalesce ? `${id}.${name}` : undefined);
  };

  const onRename = (from: string, to: string) => {
    if (doc.root.activities.some(a => a.id === to)) { toasts.error(new Error(`An activity named '${to}' already exists.`), 'Rename'); return false; }
    pendingSelection.current = new Set([to]);
    edit(renameActivity(doc, from, to));
    return true;
  };

  const save = async (): Promise<boolean> => {
    setBusy('save');
    try {
      const result = await api.saveDraft(doc);
      if (result.definitionId !== definitionId) {
        // An imported file of another workflow was saved: that workflow is now the one to edit.
        toasts.success(`Saved '${result.definitionId}' v${result.version}`);
        navigate('workflows', result.definitionId);
        return true;
      }
      const next = { ...doc, version: result.version, isPublished: false };
      dispatch({ type: 'edit', doc: next });
      setSaved(next);
      setVersions(await api.versions(definitionId));
      setProblems(result.problems);
      toasts.success(`Saved draft v${result.version}`, result.problems.length ? [`${result.problems.length} problem(s) to fix before publishing`] : []);
      return true;
    } catch (e) { toasts.error(e, 'Saving'); return false; } finally { setBusy(null); }
  };

  const publish = async () => {
    if ((dirty || latest?.status !== 'Draft') && !(await save())) return;
    setBusy('publish');
    try {
      const v = await api.publish(definitionId);
      toasts.success(`Published v${v.version}`, ['New contacts enter this version; journeys under way finish on theirs.']);
      await openVersion(v.version);
    } catch (e) {
      // The host lists every problem it found; show them on the canvas as well as in the toast.
      if (e instanceof ApiError && e.problem?.problems) setProblems(e.problem.problems);
      toasts.error(e, 'Publishing refused');
    } finally { setBusy(null); }
  };

  const retire = async () => {
    if (!window.confirm(`Retire ${doc.name}? No new contact enters; journeys under way finish.`)) return;
    try { await api.retire(definitionId); toasts.success('Retired'); await openVersion(); } catch (e) { toasts.error(e, 'Retiring'); }
  };

  const exportJson = () => {
    const blob = new Blob([toJson(doc)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${doc.definitionId}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const importJson = async (file: File) => {
    try {
      const next = parseWorkflow(await file.text());
      if (next.definitionId !== definitionId) toasts.info(`Imported '${next.definitionId}'`, [`Saving writes workflow '${next.definitionId}', not '${definitionId}'.`]);
      edit(next);
      setTimeout(() => frame(next), 50);
    } catch (e) { toasts.error(e, `Importing ${file.name}`); }
  };

  const focusActivity = (id: string) => {
    const a = doc.root.activities.find(x => x.id === id);
    if (!a) return;
    setNodes(ns => ns.map(n => ({ ...n, selected: n.id === id })));
    const p = positionOf(a);
    flow.setCenter(p.x + NODE_WIDTH / 2, p.y + 50, { zoom: 1, duration: 300 });
  };

  if (loadError) return <div className="page"><div className="empty"><h2>{loadError}</h2><p><a href={href('workflows')}>Back to workflows</a></p></div></div>;
  if (!catalog || !loaded) return <div className="page"><Spinner label="Opening the designer" /></div>;

  const status = dirty ? 'Unsaved' : versions.find(v => v.version === doc.version)?.status ?? 'New';
  const c = stats?.conversion;
  return (
    <CatalogContext.Provider value={fullCatalog}>
      <div className="designer">
        <header className="designer-bar">
          <div className="crumbs">
            <a href={href('workflows')}>Workflows</a><span aria-hidden="true">/</span>
            <strong>{doc.name || doc.definitionId}</strong>
            <span className="muted small mono">v{doc.version ?? '—'}</span>
            <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>
          </div>
          <div className="toolbar" role="toolbar" aria-label="Designer">
            <button type="button" className="icon-button" aria-label="Undo (Ctrl+Z)" title="Undo (Ctrl+Z)" disabled={!history.past.length} onClick={() => dispatch({ type: 'undo' })}><Icon name="undo" /></button>
            <button type="button" className="icon-button" aria-label="Redo (Ctrl+Shift+Z)" title="Redo (Ctrl+Shift+Z)" disabled={!history.future.length} onClick={() => dispatch({ type: 'redo' })}><Icon name="redo" /></button>
            <span className="sep" />
            <button type="button" className="icon-button" aria-label="Tidy up (auto-layout)" title="Tidy up: arrange top-down" onClick={layout}><Icon name="layout" /></button>
            <button type="button" className="button ghost" onClick={() => setShowVersions(true)}><Icon name="diff" /> Versions</button>
            <button type="button" className={`button ghost ${showSimulate ? 'is-on' : ''}`} aria-pressed={showSimulate} onClick={() => setShowSimulate(s => !s)}
              title="Run one contact through this workflow: its path and messages, nothing sent"><Icon name="play" /> Simulate</button>
            <button type="button" className="icon-button" aria-label="Import JSON" title="Import JSON (a file like workflows/*.json)" onClick={() => fileInput.current?.click()}><Icon name="upload" /></button>
            <input ref={fileInput} type="file" accept="application/json,.json" hidden onChange={e => { const f = e.target.files?.[0]; if (f) void importJson(f); e.target.value = ''; }} />
            <button type="button" className="icon-button" aria-label="Export JSON" title="Export JSON" onClick={exportJson}><Icon name="download" /></button>
            <span className="sep" />
            {published && <LaunchControl definitionId={definitionId} publishedVersion={versions.find(v => v.status === 'Published')?.version} />}
            {canPublish && latest?.status === 'Published' && !dirty && <button type="button" className="button ghost danger-text" onClick={retire}><Icon name="retire" /> Retire</button>}
            {canSave && <button type="button" className="button" onClick={() => void save()} disabled={!dirty || busy !== null}><Icon name="save" /> {busy === 'save' ? 'Saving…' : 'Save draft'}</button>}
            {canPublish && <button type="button" className="button primary" onClick={() => void publish()}
              disabled={busy !== null || problems.length > 0 || validating || (!dirty && latest?.status !== 'Draft')}
              title={problems.length ? `Fix ${problems.length} problem(s) first` : !dirty && latest?.status !== 'Draft' ? 'Nothing new to publish' : 'Publish as the live version'}>
              <Icon name="publish" /> {busy === 'publish' ? 'Publishing…' : 'Publish'}
            </button>}
            {!canSave && <span className="badge" title="Your role can look but not save">read-only</span>}
          </div>
        </header>
        {published && c && (
          <div className="live-strip" aria-label="Live results">
            <span className="live-dot" aria-hidden="true" /> Live
            <span><strong>{number(c.treated)}</strong> entered</span>
            <span>converted <strong>{percent(c.treatedRate)}</strong> <span className="muted">({number(c.treatedConverted)})</span></span>
            <span>holdout <strong>{c.holdout ? percent(c.holdoutRate) : '—'}</strong> <span className="muted">({number(c.holdoutConverted)} of {number(c.holdout)})</span></span>
            <span>lift <strong className={c.lift == null ? '' : c.lift >= 0 ? 'up' : 'down'}>{c.lift == null ? 'n/a' : `${c.lift >= 0 ? '+' : ''}${percent(c.lift)}`}</strong></span>
            {c.lift == null && <span className="muted small">{c.holdout ? 'no holdout conversions yet' : 'no holdout in this workflow'}</span>}
          </div>
        )}
        <div className={`designer-body ${showSimulate ? 'simulating' : ''}`}>
          <aside className="designer-left"><Palette descriptors={[...descriptors.values()]} onAdd={t => add(t)} /></aside>
          <div className={`canvas ${taken && simulation ? 'simulated' : ''}`} data-testid="canvas" onDragOver={e => { if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; } }} onDrop={onDrop}>
            <ReactFlow<ActivityFlowNode, Edge>
              nodes={nodes} edges={edges} nodeTypes={nodeTypes}
              onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onConnect={onConnect} onDelete={onDelete}
              onNodeDragStop={onNodeDragStop} deleteKeyCode={['Delete', 'Backspace']} multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
              isValidConnection={c => c.source !== c.target} minZoom={0.2} maxZoom={2}
              attributionPosition="top-right" snapToGrid snapGrid={[10, 10]}>
              <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
              <Controls showInteractive={false} position="top-left" orientation="horizontal" />
              <MiniMap pannable zoomable style={{ width: 150, height: 100 }} nodeClassName={n => `mini-${((n.data as { descriptor?: ActivityDescriptor }).descriptor?.kind ?? 'action').toLowerCase()}`} />
            </ReactFlow>
            <div className={`problems ${problems.length ? 'has' : 'none'}`} aria-live="polite" aria-busy={validated !== doc} data-testid="problems">
              <button type="button" className="problems-head" onClick={() => setShowProblems(s => !s)} aria-expanded={showProblems}>
                {validating ? <span className="spinner small" aria-hidden="true" /> : <Icon name={problems.length ? 'alert' : 'check'} size={14} />}
                {problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'No problems'}
              </button>
              {showProblems && problems.length > 0 && (
                <ul>{problems.map((p, i) => (
                  <li key={i}>{p.activityId
                    ? <button type="button" className="link" onClick={() => focusActivity(p.activityId!)}><span className="mono">{p.activityId}</span> {p.message}</button>
                    : <span>{p.message}</span>}</li>
                ))}</ul>
              )}
            </div>
          </div>
          <aside className="designer-right" aria-label={showSimulate ? 'Simulation' : 'Properties'}>
            {showSimulate
              ? <SimulatePanel doc={doc} result={simulation} onResult={setSimulation} onFocus={focusActivity} onClose={() => setShowSimulate(false)} />
              : <Properties doc={doc} activity={selected} selectionCount={selectedIds.size} problems={problems}
                onInput={onInput} onRename={onRename} onDelete={deleteSelection} onDoc={edit} />}
          </aside>
        </div>
        {showVersions && <VersionsPanel definitionId={definitionId} versions={versions} current={toJson(doc)}
          onOpen={v => { setShowVersions(false); void openVersion(v); }} onClose={() => setShowVersions(false)} />}
      </div>
    </CatalogContext.Provider>
  );
}
