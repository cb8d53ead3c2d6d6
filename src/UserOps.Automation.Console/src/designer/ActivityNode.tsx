import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { activityIcon, Icon } from '../components/Icon';
import { number } from '../format';
import { enteredCount } from './stats';
import type { Activity, ActivityDescriptor, ActivityStats } from '../types';

export interface ActivityNodeData extends Record<string, unknown> {
  activity: Activity;
  descriptor: ActivityDescriptor | undefined;
  ports: string[];
  summary: string;
  problems: string[];
  stats: ActivityStats | undefined;
  live: boolean;
}

export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

export const NODE_WIDTH = 232;

function ActivityNodeView({ data, selected }: NodeProps<ActivityFlowNode>) {
  const { activity, descriptor, ports, summary, problems, stats, live } = data;
  const kind = (descriptor?.kind ?? 'Action').toLowerCase();
  const entered = enteredCount(stats, descriptor?.kind);
  const messages = stats ? Object.entries(stats.messages) : [];
  // One unnamed 'Done' port needs no label row: the handle says enough.
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0] !== 'Done');
  return (
    <div className={`node node-${kind} ${selected ? 'is-selected' : ''} ${problems.length ? 'has-problems' : ''}`}
      style={{ width: NODE_WIDTH }} title={problems.length ? problems.join('\n') : undefined}>
      {kind !== 'trigger' && <Handle type="target" position={Position.Top} id="In" className="handle-in" />}
      <div className="node-head">
        <span className="node-icon"><Icon name={activityIcon(activity.type, descriptor?.kind ?? 'Action')} size={14} /></span>
        <div className="node-title">
          <div className="node-line"><span className="node-type">{descriptor?.displayName ?? activity.type}</span><span className="node-id">{activity.id}</span></div>
          {summary && <div className="node-summary">{summary}</div>}
        </div>
        {problems.length > 0 && <span className="node-problem" aria-label={`${problems.length} problem(s)`}><Icon name="alert" size={12} />{problems.length}</span>}
      </div>
      {problems.length > 0 && <div className="node-reason">{problems[0]}</div>}
      {live && (
        <div className="node-stats">
          <span title="Journeys that reached this activity"><strong>{number(entered)}</strong> in</span>
          {stats && stats.waiting > 0 && <span title="Journeys waiting here now" className="waiting"><strong>{number(stats.waiting)}</strong> waiting</span>}
          {messages.map(([status, n]) => <span key={status} className={`msg msg-${status.toLowerCase()}`} title={`Messages ${status}`}>{number(n)} {status.toLowerCase()}</span>)}
        </div>
      )}
      {labelled && (
        <div className="node-ports">
          {ports.map(port => (
            <div key={port} className="port">
              {port}{live && stats?.outcomes[port] !== undefined ? <em>{number(stats.outcomes[port])}</em> : null}
            </div>
          ))}
        </div>
      )}
      {ports.map((port, i) => (
        <Handle key={port} type="source" position={Position.Bottom} id={port} className="handle-out"
          style={{ left: `${((i + 0.5) / ports.length) * 100}%` }} aria-label={`Output ${port}`} />
      ))}
    </div>
  );
}

export const ActivityNode = memo(ActivityNodeView);
